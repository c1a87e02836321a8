using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>
/// An <see cref="IChatClient"/> over Gemini's native format: <c>POST /v1beta/models/{model}:generateContent</c> and
/// <c>:streamGenerateContent?alt=sse</c> at the host root (WIRE.md §11). The key travels only in <c>x-goog-api-key</c>.
/// </summary>
internal sealed class GeminiChatClient : ChatClientBase
{
    private const string Operation = "Gemini generateContent";

    private readonly Uri _generateUri;
    private readonly Uri _streamUri;

    public GeminiChatClient(NexLLMClient owner, NexLLMTransport transport, string model)
        : base(owner, transport, model, transport.GeminiEndpoint, GeminiRequestMapper.Protocol)
    {
        _generateUri = ModelUri(transport.GeminiEndpoint, model, ":generateContent");

        // Always alt=sse: without it Google answers one JSON array instead of events (WIRE.md §11, §14.7).
        _streamUri = ModelUri(transport.GeminiEndpoint, model, ":streamGenerateContent?alt=sse");
    }

    /// <summary>
    /// The model goes into the path as one escaped segment (so <c>/</c>, <c>?</c>, <c>#</c> or <c>..</c> cannot change the
    /// route); a <c>models/</c> prefix, as Google writes model names, is accepted.
    /// </summary>
    public static Uri ModelUri(Uri geminiEndpoint, string model, string action)
    {
        string name = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        if (name.Length == 0 || name is "." or "..")
        {
            throw new ArgumentException($"'{model}' is not a model name.", nameof(model));
        }

        return new Uri(geminiEndpoint.AbsoluteUri + "models/" + Uri.EscapeDataString(name) + action);
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        TransportRequest request = BuildRequest(messages, options, _generateUri, options?.ModelId);
        using TransportResponse response = await Transport.SendAsync(request, Operation, cancellationToken).ConfigureAwait(false);
        (GeminiResponse? result, JsonElement raw) = ReadJson(response, GeminiJsonContext.Default.GeminiResponse, Operation);
        ReadOnlySpan<byte> body = response.Body.Span;

        if (result?.Error is { ValueKind: JsonValueKind.Object } && ErrorBody.TryParseJson(body, out ErrorBody error))
        {
            throw Transport.Errors.FromBodyError(error, body, Operation, response.RequestId);
        }

        if (result is not ({ Candidates.Count: > 0 } or { PromptFeedback.BlockReason: not null }))
        {
            throw Transport.Errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {Operation} response has no candidates.", false, 200, response.RequestId, body);
        }

        try
        {
            return GeminiResponseMapper.Map(result, raw, response.RequestId);
        }
        catch (ResponseContentException ex)
        {
            // A part no caller can use (an inlineData part without data, arguments that are not UTF-8): named in the message.
            throw InvalidContent(response, Operation, ex);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TransportRequest request = BuildRequest(messages, options, _streamUri, options?.ModelId);
        var reader = new GeminiChunkReader();
        SseStream<GeminiStreamItem> stream = await Transport
            .OpenStreamAsync(request, Operation, reader.Parse, GeminiStreamItem.ErrorOf, GeminiStreamMapper.IsPrelude, cancellationToken)
            .ConfigureAwait(false);
        await using var releaseConnection = stream.ConfigureAwait(false);

        var mapper = new GeminiStreamMapper(stream);
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            GeminiStreamItem item = stream.Current;
            if (item.IsText)
            {
                // The common chunk, read without the serializer: always visible text, never an error.
                yield return mapper.Map(item.Text);
                continue;
            }

            if (JsonEvent<GeminiResponse>.ErrorOf(stream, item.Parsed) is { } error)
            {
                throw error;
            }

            ChatResponseUpdate? update;
            try
            {
                update = item.Parsed.Value is { } chunk ? mapper.Map(chunk) : null;
            }
            catch (ResponseContentException ex)
            {
                throw stream.InvalidContent(ex);
            }

            if (update is not null)
            {
                yield return update;
            }
        }

        // No terminator in Gemini streams: the end is complete only after a finish reason (WIRE.md §11). An error
        // appended as raw JSON is raised even by a lenient caller.
        if (stream.GetTrailingError() is { } trailing)
        {
            throw trailing;
        }

        if (!mapper.Finished && !Transport.Options.AllowIncompleteStreams)
        {
            throw stream.Truncated("a finishReason");
        }

        yield return mapper.Final();
    }

    private TransportRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, Uri uri, string? modelId)
    {
        // The model is in the URL: a per-request ModelId changes the URL, not the body.
        if (modelId is not null && modelId != Model)
        {
            Throw.IfNotIdentifier(modelId, "options.ModelId");
            uri = ModelUri(Transport.GeminiEndpoint, modelId, uri == _streamUri ? ":streamGenerateContent?alt=sse" : ":generateContent");
        }

        GeminiRequest request = GeminiRequestMapper.Map(messages, options, LogIgnored);
        byte[] body = RequestBody.Serialize(request, GeminiJsonContext.Default.GeminiRequest, options, this, Transport, GeminiRequestMapper.Protocol);
        return TransportRequest.PostJson(uri, body, AuthScheme.GoogApiKey);
    }
}
