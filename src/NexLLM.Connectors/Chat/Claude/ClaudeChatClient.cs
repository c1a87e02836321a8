using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>An <see cref="IChatClient"/> over the Claude Messages format, <c>POST /v1/messages</c>: the chat pipeline with this format's strategy.</summary>
internal sealed class ClaudeChatClient : ChatClientBase<ClaudeResponse, ClaudeTextDelta, ClaudeStreamEvent, ClaudeStreamMapper>
{
    /// <summary>The API version new-api also defaults to (docs/protocols/gateway.md#authentication).</summary>
    public const string AnthropicVersion = "2023-06-01";

    private readonly Uri _uri;

    public ClaudeChatClient(NexLLMClient owner, NexLLMTransport transport, string model)
        : base(owner, transport, model, transport.Endpoint, ClaudeRequestMapper.Protocol, "Claude message")
    {
        _uri = new Uri(transport.Endpoint, "messages");
    }

    protected override JsonTypeInfo<ClaudeResponse> ResponseType => ClaudeJsonContext.Default.ClaudeResponse;

    protected override string AnswerPart => "content";

    protected override Func<ClaudeStreamItem, bool> IsPrelude => ClaudeStreamMapper.IsPrelude;

    protected override EndOfStreamRule<ClaudeStreamEvent, ClaudeStreamMapper> EndOfStream => ClaudeEndOfStream.Instance;

    protected override TransportRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ClaudeRequest request = ClaudeRequestMapper.Map(messages, options, Model, stream, LogIgnored);
        byte[] body = RequestBody.Serialize(request, ClaudeJsonContext.Default.ClaudeRequest, options, this, Transport, ClaudeRequestMapper.Protocol);
        var headers = new List<KeyValuePair<string, string>>(2) { new("anthropic-version", AnthropicVersion) };
        if (ClaudeRequestMapper.BetaHeader(options) is { } beta)
        {
            headers.Add(new("anthropic-beta", beta));
        }

        return new TransportRequest { Method = HttpMethod.Post, Uri = _uri, JsonBody = body, Auth = AuthScheme.XApiKey, Headers = headers };
    }

    protected override bool CarriesError(ClaudeResponse response) => response.Type == "error";

    protected override ChatResponse? MapResponse(ClaudeResponse response, JsonElement raw, string? requestId) =>
        response.Content is null ? null : ClaudeResponseMapper.Map(response, raw, requestId);

    protected override SseDataParser<ClaudeStreamItem> CreateParser() => ClaudeEventReader.Parse;

    protected override ClaudeStreamMapper CreateStreamMapper(IStreamContext stream) => new(stream);
}
