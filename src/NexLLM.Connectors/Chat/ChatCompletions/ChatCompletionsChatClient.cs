using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>An <see cref="IChatClient"/> over <c>POST /v1/chat/completions</c>: the chat pipeline with this format's strategy.</summary>
internal sealed class ChatCompletionsChatClient
    : ChatClientBase<ChatCompletionResponse, ChatTextChunk, ChatCompletionChunk, ChatCompletionsStreamMapper>
{
    private readonly Uri _uri;

    public ChatCompletionsChatClient(NexLLMClient owner, NexLLMTransport transport, string model)
        : base(owner, transport, model, transport.Endpoint, ChatCompletionsRequestMapper.Protocol, "chat completion")
    {
        _uri = new Uri(transport.Endpoint, "chat/completions");
    }

    protected override JsonTypeInfo<ChatCompletionResponse> ResponseType => ChatCompletionsJsonContext.Default.ChatCompletionResponse;

    protected override string AnswerPart => "choices";

    protected override Func<ChatCompletionsStreamItem, bool> IsPrelude => ChatCompletionsStreamMapper.IsPrelude;

    protected override EndOfStreamRule<ChatCompletionChunk, ChatCompletionsStreamMapper> EndOfStream => ChatCompletionsEndOfStream.Instance;

    protected override TransportRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ChatCompletionRequest request = ChatCompletionsRequestMapper.Map(messages, options, Model, stream, LogIgnored);
        byte[] body = RequestBody.Serialize(request, ChatCompletionsJsonContext.Default.ChatCompletionRequest, options, this, Transport, ChatCompletionsRequestMapper.Protocol);
        return TransportRequest.PostJson(_uri, body, AuthScheme.Bearer);
    }

    protected override bool CarriesError(ChatCompletionResponse response) => response.Error is { ValueKind: JsonValueKind.Object or JsonValueKind.String };

    protected override ChatResponse? MapResponse(ChatCompletionResponse response, JsonElement raw, string? requestId) =>
        ChatCompletionsResponseMapper.Map(response, raw, requestId);

    protected override SseDataParser<ChatCompletionsStreamItem> CreateParser() => new ChatCompletionsChunkReader().Parse;

    protected override ChatCompletionsStreamMapper CreateStreamMapper(IStreamContext stream) => new(stream);
}
