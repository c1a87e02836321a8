using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// <c>POST /v1/chat/completions</c>: validation as in new-api, new-api's rewrite for reasoning models, OpenAI's checks in strict
/// mode, then a scripted or rule-based reply in <c>n</c> choices, streamed or whole.
/// </summary>
internal sealed class ChatCompletionsEndpoint(EmulatorSettings settings, ScriptQueue script, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        // The distributor runs before the relay: an unknown model is 503 model_not_found (docs/protocols/gateway.md#statuses), middleware shape.
        // Request validation errors are types.NewError: HTTP 500 with code invalid_request (docs/protocols/gateway.md#statuses gotcha).
        if (await GatewayIntake.AcceptAsync(context, settings, ChatCompletionsRequestValidator.CheckGatewayRules).ConfigureAwait(false) is not { } root)
        {
            return;
        }

        // What new-api sends upstream for o-series and gpt-5 models (docs/protocols/chat-completions.md#through-the-gateway).
        var upstream = ReasoningModelRewrite.Apply(root);

        // What OpenAI refuses, new-api relays with OpenAI's status, type, param and code (docs/protocols/gateway.md#error-bodies).
        if (settings.Strict && ChatCompletionsStrictChecks.FindError(upstream) is { } error)
        {
            await error.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var call = ChatCompletionsRequestReader.Read(upstream);
        if (await ChatReplySource.PickAsync(context, script, call.Request, logger).ConfigureAwait(false) is not var (reply, fault))
        {
            return; // the client left during a scripted delay
        }

        var choices = ChatCompletionChoices.Of(reply, call.Choices);
        var meta = ChatCompletionMeta.New(call.Request.Model);
        if (call.Stream)
        {
            var transcript = ChatCompletionsChunkWriter.Build(choices, meta, call, settings);
            Func<SseTranscript> restart = () => ChatCompletionsChunkWriter.Build(choices, ChatCompletionMeta.New(call.Request.Model), call, settings);
            await SseStreamPlayer.PlayAsync(context, transcript, fault, settings, restart).ConfigureAwait(false);
        }
        else
        {
            byte[] body = ChatCompletionsResponseWriter.Write(choices, meta, call.TopLogprobs, settings);
            await ResponseBodyWriter.WriteJsonAsync(context, body, fault).ConfigureAwait(false);
        }
    }
}
