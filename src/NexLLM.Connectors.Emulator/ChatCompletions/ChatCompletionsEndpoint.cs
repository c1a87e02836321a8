using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary><c>POST /v1/chat/completions</c>: validation as in new-api, then a scripted or rule-based reply, streamed or whole.</summary>
internal sealed class ChatCompletionsEndpoint(EmulatorSettings settings, ScriptQueue script, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var exchange = EmulatorExchange.Of(context);

        // The distributor runs before the relay: an unknown model is 503 model_not_found (WIRE.md §0.5), middleware shape.
        if (settings.RejectUnknownModels
            && ChatCompletionsRequestReader.PeekModel(exchange.Body) is { Length: > 0 } model
            && !settings.IsKnownModel(model))
        {
            byte[] body = GatewayErrorBodies.Middleware($"No available channel for model {model} under group default (distributor)", "model_not_found", exchange.RequestId);
            await GatewayResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, body).ConfigureAwait(false);
            return;
        }

        // Request validation errors are types.NewError: HTTP 500 with code invalid_request (WIRE.md §0.5 gotcha).
        if (!ChatCompletionsRequestReader.TryRead(exchange.Body, out var call, out string? error))
        {
            byte[] body = GatewayErrorBodies.OpenAI(error!, "new_api_error", "invalid_request", exchange.RequestId);
            await GatewayResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, body).ConfigureAwait(false);
            return;
        }

        var fault = exchange.Fault;
        ChatEngineReply reply;
        if (script.TakeReply() is var (scriptedReply, scriptedFault))
        {
            EmulatorLog.ScriptedReplyUsed(logger, context.Request.Path.Value ?? "", exchange.RequestId);
            reply = ScriptedReplies.ToEngineReply(scriptedReply, call!.Request);
            if (scriptedFault?.Kind == EmulatorFaultKind.Delay)
            {
                if (!await Pauses.WaitAsync(scriptedFault.Duration, exchange.Aborted).ConfigureAwait(false))
                {
                    context.Abort();
                    return;
                }
            }
            else
            {
                fault ??= scriptedFault; // a fault from the request header wins
            }
        }
        else
        {
            reply = ChatEngine.Reply(call!.Request);
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
