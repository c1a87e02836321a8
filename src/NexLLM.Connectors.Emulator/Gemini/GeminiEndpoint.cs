using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// <c>POST /v1beta/models/{model}:{action}</c> and its alias <c>POST /v1/models/{model}:{action}</c> (docs/protocols/gateway.md#routes,
/// docs/protocols/gemini.md): <c>generateContent</c>, <c>streamGenerateContent</c> (always SSE, with or without <c>?alt=sse</c>, as new-api
/// answers; <c>generateContent?alt=sse</c> streams too), <c>embedContent</c> and <c>batchEmbedContents</c>. Every other
/// action (<c>countTokens</c> included) is answered as <c>generateContent</c>: new-api's Gemini relay takes every POST under
/// <c>/v1beta/models/*</c> and its adaptor sends it upstream as <c>generateContent</c> (docs/protocols/gemini.md#other-actions). The key was
/// checked by the auth middleware (<c>x-goog-api-key</c>, <c>?key=</c> or Bearer, docs/protocols/gateway.md#authentication). Chat answers come
/// from the shared engine or the script; thoughts and function calls are signed so the next turn can be checked
/// (see <see cref="GeminiThoughtSigner"/>).
/// </summary>
internal sealed class GeminiEndpoint(EmulatorSettings settings, ScriptQueue script, ILogger logger)
{
    private readonly GeminiThoughtSigner _signer = new();

    public async Task HandleAsync(HttpContext context)
    {
        string model = context.Request.RouteValues["model"] as string ?? "";
        string action = context.Request.RouteValues["action"] as string ?? "";

        // The distributor reads the model from the path (new-api middleware/distributor.go) and runs before the relay (docs/protocols/gateway.md#statuses).
        if (await ModelDistributor.TryRejectAsync(context, settings, model).ConfigureAwait(false))
        {
            return;
        }

        if (action is "embedContent" or "batchEmbedContents")
        {
            await GeminiEmbeddings.HandleAsync(context, settings, model, batch: action == "batchEmbedContents").ConfigureAwait(false);
            return;
        }

        // new-api's IsStream: a path naming streamGenerateContent, or alt=sse on any action (new-api dto/gemini.go). Any
        // other action, countTokens included, reaches Google as generateContent (new-api relay/channel/gemini/adaptor.go GetRequestURL).
        bool stream = action.Contains("streamGenerateContent", StringComparison.Ordinal) || context.Request.Query["alt"] == "sse";
        await GenerateAsync(context, model, stream).ConfigureAwait(false);
    }

    private async Task GenerateAsync(HttpContext context, string model, bool stream)
    {
        var exchange = EmulatorExchange.Of(context);

        // new-api's own validation is types.NewError: HTTP 500 invalid_request, OpenAI-shaped on /v1beta (docs/protocols/gateway.md#error-bodies, docs/protocols/gateway.md#statuses).
        if (!GeminiRequestReader.TryParse(exchange.Body, out var root, out string? gatewayError))
        {
            await GatewayResponses.WriteInvalidRequestAsync(context, gatewayError!).ConfigureAwait(false);
            return;
        }

        // What Google rejects (400 INVALID_ARGUMENT), new-api relays with Google's status and a numeric code (docs/protocols/gateway.md#error-bodies, docs/protocols/gemini.md).
        if ((GeminiRequestValidator.FindError(root, _signer) ?? (settings.Strict ? GeminiStrictChecks.FindError(root, settings.FindModel(model)) : null)) is { } upstreamError)
        {
            byte[] body = GeminiErrors.Upstream(upstreamError, StatusCodes.Status400BadRequest, exchange.RequestId);
            await GatewayResponses.WriteAsync(context, StatusCodes.Status400BadRequest, body).ConfigureAwait(false);
            return;
        }

        var call = GeminiRequestReader.Read(root, model, stream);
        if (await ChatReplySource.PickAsync(context, script, call.Request, logger).ConfigureAwait(false) is not var (reply, fault))
        {
            return; // the client left during a scripted delay
        }

        fault = GeminiErrors.AdaptFault(fault);
        var candidates = GeminiCandidate.For(reply, call.CandidateCount, _signer);
        var usage = GeminiUsage.From(candidates, call.MediaParts);
        var meta = GeminiResponseMeta.New(model);
        if (call.Stream)
        {
            Func<GeminiResponseMeta, SseTranscript> build = settings.GeminiConvertedStream
                ? m => GeminiChunkWriter.BuildConverted(reply, candidates, m, usage)
                : m => GeminiChunkWriter.Build(reply, candidates, m, usage);
            // A Gemini channel's stream has no keep-alive pings (DisablePing, docs/protocols/gateway.md#sse-framing); a converted one has new-api's.
            bool pings = settings.GeminiConvertedStream;
            await SseStreamPlayer.PlayAsync(context, build(meta), fault, settings, () => build(GeminiResponseMeta.New(model)), pings).ConfigureAwait(false);
        }
        else
        {
            await ResponseBodyWriter.WriteJsonAsync(context, GeminiResponseWriter.Write(reply, candidates, meta, usage), fault).ConfigureAwait(false);
        }
    }
}
