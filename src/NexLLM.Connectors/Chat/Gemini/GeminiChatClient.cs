using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>
/// An <see cref="IChatClient"/> over Gemini's native format: <c>POST /v1beta/models/{model}:generateContent</c> and
/// <c>:streamGenerateContent?alt=sse</c> at the host root (docs/protocols/gemini.md), the chat pipeline with this format's
/// strategy. The key travels only in <c>x-goog-api-key</c>.
/// </summary>
internal sealed class GeminiChatClient : ChatClientBase<GeminiResponse, GeminiTextChunk, GeminiResponse, GeminiStreamMapper>
{
    private const string GenerateAction = ":generateContent";

    /// <summary>Always <c>alt=sse</c>: without it Google answers one JSON array instead of events (docs/protocols/gemini.md#gotchas).</summary>
    private const string StreamAction = ":streamGenerateContent?alt=sse";

    private readonly Uri _generateUri;
    private readonly Uri _streamUri;

    public GeminiChatClient(NexLLMClient owner, NexLLMTransport transport, string model)
        : base(owner, transport, model, transport.GeminiEndpoint, GeminiRequestMapper.Protocol, "Gemini generateContent")
    {
        _generateUri = GeminiModelPath.Uri(transport.GeminiEndpoint, model, GenerateAction, nameof(model));
        _streamUri = GeminiModelPath.Uri(transport.GeminiEndpoint, model, StreamAction, nameof(model));
    }

    protected override JsonTypeInfo<GeminiResponse> ResponseType => GeminiJsonContext.Default.GeminiResponse;

    protected override string AnswerPart => "candidates";

    protected override Func<GeminiStreamItem, bool> IsPrelude => GeminiStreamMapper.IsPrelude;

    protected override EndOfStreamRule<GeminiResponse, GeminiStreamMapper> EndOfStream => GeminiEndOfStream.Instance;

    protected override TransportRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        // The model is in the URL: a per-request ModelId changes the URL, not the body.
        Uri uri = stream ? _streamUri : _generateUri;
        string model = Model;
        if (options?.ModelId is { } modelId && modelId != Model)
        {
            Throw.IfNotIdentifier(modelId, "options.ModelId");
            uri = GeminiModelPath.Uri(Transport.GeminiEndpoint, modelId, stream ? StreamAction : GenerateAction, "options.ModelId");
            model = modelId;
        }

        GeminiRequest request = GeminiRequestMapper.Map(messages, options, model, LogIgnored);
        byte[] body = RequestBody.Serialize(request, GeminiJsonContext.Default.GeminiRequest, options, this, Transport, GeminiRequestMapper.Protocol);
        return TransportRequest.PostJson(uri, body, AuthScheme.GoogApiKey);
    }

    protected override bool CarriesError(GeminiResponse response) => response.Error is { ValueKind: JsonValueKind.Object };

    /// <summary>An answer has candidates, or is a blocked prompt (an answer with an error content, not an exception).</summary>
    protected override ChatResponse? MapResponse(GeminiResponse response, JsonElement raw, string? requestId) =>
        response is { Candidates.Count: > 0 } or { PromptFeedback.BlockReason: not null } ? GeminiResponseMapper.Map(response, raw, requestId) : null;

    protected override SseDataParser<GeminiStreamItem> CreateParser() => new GeminiChunkReader().Parse;

    protected override GeminiStreamMapper CreateStreamMapper(IStreamContext stream) => new(stream);
}
