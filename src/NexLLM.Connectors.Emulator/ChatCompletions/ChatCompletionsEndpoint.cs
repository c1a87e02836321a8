using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary><c>POST /v1/chat/completions</c>: validation as in new-api, then a scripted or rule-based reply, streamed or whole.</summary>
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

        var call = ChatCompletionsRequestReader.Read(root);
        if (await ChatReplySource.PickAsync(context, script, call.Request, logger).ConfigureAwait(false) is not var (reply, fault))
        {
            return; // the client left during a scripted delay
        }

        var meta = ChatCompletionMeta.New(call.Request.Model);
        if (call.Stream)
        {
            var transcript = ChatCompletionsChunkWriter.Build(reply, meta, call.IncludeUsage, settings);
            Func<SseTranscript> restart = () => ChatCompletionsChunkWriter.Build(reply, ChatCompletionMeta.New(call.Request.Model), call.IncludeUsage, settings);
            await SseStreamPlayer.PlayAsync(context, transcript, fault, settings, restart).ConfigureAwait(false);
        }
        else
        {
            await ResponseBodyWriter.WriteJsonAsync(context, ChatCompletionsResponseWriter.Write(reply, meta, settings), fault).ConfigureAwait(false);
        }
    }
}
