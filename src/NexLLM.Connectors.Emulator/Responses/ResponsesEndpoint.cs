using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// <c>POST /v1/responses</c> (docs/protocols/responses.md): new-api's checks, then OpenAI's, then a scripted or
/// rule-based reply from the shared engine as a response object, streamed or whole. Responses are kept for
/// <c>previous_response_id</c> unless <c>store</c> is false (<see cref="ResponseStore"/>), and reasoning can travel
/// statelessly as <c>encrypted_content</c> that this emulator seals and checks (<see cref="ResponsesReasoningSealer"/>).
/// </summary>
internal sealed class ResponsesEndpoint(EmulatorSettings settings, ScriptQueue script, ResponseStore store, ILogger logger)
{
    private readonly ResponsesReasoningSealer _sealer = new();

    public async Task HandleAsync(HttpContext context)
    {
        // The distributor runs first (503 model_not_found), then new-api's validation: HTTP 500 invalid_request (docs/protocols/gateway.md#statuses).
        if (await GatewayIntake.AcceptAsync(context, settings, ResponsesRequestValidator.CheckGatewayRules).ConfigureAwait(false) is not { } root)
        {
            return;
        }

        // What OpenAI rejects, new-api relays with OpenAI's status, type, param and code (docs/protocols/gateway.md#error-bodies).
        if (ResponsesRequestValidator.FindError(root, store, _sealer) is { } error)
        {
            await error.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var call = ResponsesRequestReader.Read(root, store);
        if (await ChatReplySource.PickAsync(context, script, call.Request, logger).ConfigureAwait(false) is not var (reply, fault))
        {
            return; // the client left during a scripted delay
        }

        var outcome = ResponsesOutcome.Of(reply, call, _sealer);
        var failure = ResponsesFailure.Of(fault);
        if (call.Stream)
        {
            SseTranscript Start()
            {
                var envelope = ResponsesEnvelope.New(call);
                var transcript = ResponsesEventWriter.Build(envelope, outcome, failure, fault?.AfterChunks ?? 0);
                Remember(call, envelope, failure is null ? outcome : null);
                return transcript;
            }

            // A failure is part of the transcript; the other stream faults are played over it.
            var first = Start();
            var streamFault = failure is null ? ResponsesFaults.Adapt(fault, first) : null;
            await SseStreamPlayer.PlayAsync(context, first, streamFault, settings, Start).ConfigureAwait(false);
        }
        else
        {
            var envelope = ResponsesEnvelope.New(call);
            var final = failure is null ? outcome : ResponsesOutcome.Failed([], failure);
            Remember(call, envelope, failure is null ? outcome : null);
            await ResponseBodyWriter.WriteJsonAsync(context, ResponsesObjectWriter.ToBytes(envelope, final), failure is null ? fault : null).ConfigureAwait(false);
        }
    }

    // Keeps the response for previous_response_id: its conversation, then its output (none for a failed response).
    private void Remember(ResponsesCall call, ResponsesEnvelope envelope, ResponsesOutcome? outcome)
    {
        if (!call.Store)
        {
            return;
        }

        var turns = outcome?.AssistantTurn() is { } answer ? [.. call.Conversation, answer] : call.Conversation;
        store.Add(envelope.Id, turns, outcome?.Output.Select(item => item.Id).ToList() ?? []);
    }
}
