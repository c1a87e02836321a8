using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// <c>POST /v1/messages</c> (docs/protocols/claude-messages.md): new-api's checks, then Anthropic's, then a scripted or rule-based reply as a
/// Claude message, streamed or whole. Thinking blocks are signed so that the next turn can be checked (see
/// <see cref="ClaudeThinkingSigner"/>). The key was checked by the auth middleware (<c>x-api-key</c> or Bearer, docs/protocols/gateway.md#authentication);
/// <c>anthropic-version</c> is optional (new-api sends <c>2023-06-01</c> upstream when it is missing) and <c>anthropic-beta</c> is accepted.
/// </summary>
internal sealed class ClaudeMessagesEndpoint(EmulatorSettings settings, ScriptQueue script, ILogger logger)
{
    /// <summary>The <c>error.type</c> new-api gives an Anthropic error it relays on <c>/v1/messages</c>.</summary>
    public const string RelayedAnthropicErrorType = "<nil>";

    private readonly ClaudeThinkingSigner _signer = new();

    public async Task HandleAsync(HttpContext context)
    {
        var exchange = EmulatorExchange.Of(context);

        // The distributor runs before the relay: an unknown model is 503 model_not_found (docs/protocols/gateway.md#statuses), middleware shape.
        if (await ModelDistributor.TryRejectAsync(context, settings, ModelDistributor.PeekModel(exchange.Body)).ConfigureAwait(false))
        {
            return;
        }

        // new-api's own validation is types.NewError: HTTP 500 (docs/protocols/gateway.md#statuses), written on /v1/messages by the deferred
        // writer as {"type":"error","error":ToClaudeError()}, whose type for new-api's errors is "new_api_error" (new-api types/error.go).
        if (!ClaudeRequestReader.TryParse(exchange.Body, out var root, out string? gatewayError))
        {
            byte[] body = GatewayErrorBodies.Claude("new_api_error", gatewayError!, exchange.RequestId);
            await GatewayResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, body).ConfigureAwait(false);
            return;
        }

        // What Anthropic rejects, new-api relays with Anthropic's status (docs/protocols/gateway.md#error-bodies), but not with its
        // type: RelayErrorHandler reads Anthropic's error object as an OpenAI error, whose code is null, and ToClaudeError writes
        // that code as the type, fmt.Sprintf("%v", nil) = "<nil>" (new-api service/error.go, types/error.go; docs/emulator.md#error-shapes).
        if (ClaudeRequestValidator.FindError(root, _signer, settings.Strict) is { } upstreamError)
        {
            byte[] body = GatewayErrorBodies.Claude(RelayedAnthropicErrorType, upstreamError, exchange.RequestId);
            await GatewayResponses.WriteAsync(context, StatusCodes.Status400BadRequest, body).ConfigureAwait(false);
            return;
        }

        var call = ClaudeRequestReader.Read(root);
        if (await ChatReplySource.PickAsync(context, script, call.Request, logger).ConfigureAwait(false) is not var (reply, fault))
        {
            return; // the client left during a scripted delay
        }

        fault = ClaudeFaults.Adapt(fault);
        var blocks = ClaudeContentBlock.From(reply, _signer);
        var meta = ClaudeMessageMeta.New(call.Request.Model);
        if (call.Stream)
        {
            bool extraBlankLine = settings.ClaudeStreamExtraBlankLines;
            var transcript = ClaudeEventWriter.Build(reply, blocks, meta, extraBlankLine);
            Func<SseTranscript> restart = () => ClaudeEventWriter.Build(reply, blocks, ClaudeMessageMeta.New(call.Request.Model), extraBlankLine);
            await SseStreamPlayer.PlayAsync(context, transcript, fault, settings, restart).ConfigureAwait(false);
        }
        else
        {
            await ResponseBodyWriter.WriteJsonAsync(context, ClaudeResponseWriter.Write(reply, blocks, meta), fault).ConfigureAwait(false);
        }
    }
}
