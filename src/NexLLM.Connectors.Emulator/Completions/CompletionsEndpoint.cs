using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.ChatCompletions;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Completions;

/// <summary>
/// <c>POST /v1/completions</c>, the legacy completions (docs/protocols/completions.md): validation as in new-api, then the shared
/// engine's reply (or a scripted one) to each prompt, as <c>n</c> choices each, streamed or whole.
/// </summary>
internal sealed class CompletionsEndpoint(EmulatorSettings settings, ScriptQueue script, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        // The distributor's 503 first, then new-api's own checks: HTTP 500 invalid_request (docs/protocols/gateway.md#statuses).
        bool throughStruct = settings.CompletionsThroughNewApiStruct;
        if (await GatewayIntake.AcceptAsync(context, settings, root => CompletionsRequestValidator.CheckGatewayRules(root, throughStruct)).ConfigureAwait(false)
            is not { } root)
        {
            return;
        }

        var call = CompletionsRequestReader.Read(root, settings);

        // Each prompt takes the next scripted reply, else the rule-based one; the fault is the first prompt's.
        var replies = new List<ChatEngineReply>(call.Prompts.Count);
        EmulatorFault? fault = null;
        foreach (string prompt in call.Prompts)
        {
            if (await ChatReplySource.PickAsync(context, script, CompletionsRequestReader.EngineRequest(call, prompt), logger).ConfigureAwait(false)
                is not var (reply, replyFault))
            {
                return; // the client left during a scripted delay
            }

            fault = replies.Count == 0 ? replyFault : fault;
            replies.Add(reply);
        }

        var (choices, usage) = CompletionsComposer.Compose(call, replies);
        var meta = NewMeta(call.Model);
        if (call.Stream)
        {
            var transcript = CompletionsChunkWriter.Build(choices, usage, meta, call.IncludeUsage);
            Func<SseTranscript> restart = () => CompletionsChunkWriter.Build(choices, usage, NewMeta(call.Model), call.IncludeUsage);
            await SseStreamPlayer.PlayAsync(context, transcript, fault, settings, restart).ConfigureAwait(false);
        }
        else
        {
            await ResponseBodyWriter.WriteJsonAsync(context, CompletionsResponseWriter.Write(choices, usage, meta), fault).ConfigureAwait(false);
        }
    }

    // The envelope of chat completions with OpenAI's legacy id prefix.
    private static ChatCompletionMeta NewMeta(string model) =>
        new("cmpl-" + RequestIds.RandomToken(29), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), model);
}
