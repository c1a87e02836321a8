using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>An <see cref="IChatClient"/> over <c>POST /v1/chat/completions</c>.</summary>
internal sealed class ChatCompletionsChatClient : IChatClient
{
    private const string Operation = "chat completion";

    private readonly NexLLMClient _owner;
    private readonly NexLLMTransport _transport;
    private readonly string _model;
    private readonly Uri _uri;
    private readonly ChatClientMetadata _metadata;
    private readonly Action<string> _logIgnored;

    public ChatCompletionsChatClient(NexLLMClient owner, NexLLMTransport transport, string model)
    {
        _owner = owner;
        _transport = transport;
        _model = model;
        _uri = new Uri(transport.Endpoint, "chat/completions");
        _metadata = new ChatClientMetadata("nexllm", transport.Endpoint, model);
        _logIgnored = option => transport.LogIgnoredOption(ChatCompletionsRequestMapper.Protocol, option);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        TransportRequest request = BuildRequest(messages, options, stream: false);
        using TransportResponse response = await _transport.SendAsync(request, Operation, cancellationToken).ConfigureAwait(false);
        ReadOnlySpan<byte> body = response.Body.Span;

        ChatCompletionResponse? completion;
        JsonElement raw;
        try
        {
            completion = JsonSerializer.Deserialize(body, ChatCompletionsJsonContext.Default.ChatCompletionResponse);
            raw = JsonSerializer.Deserialize(body, SharedJsonContext.Default.JsonElement);
        }
        catch (JsonException ex)
        {
            throw _transport.Errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {Operation} response is not valid JSON of the expected shape.", false, 200, response.RequestId, body, ex);
        }

        if (completion?.Error is { ValueKind: JsonValueKind.Object or JsonValueKind.String } && ErrorBody.TryParseJson(body, out ErrorBody error))
        {
            throw _transport.Errors.FromBodyError(error, body, Operation, response.RequestId);
        }

        return (completion is null ? null : ChatCompletionsResponseMapper.Map(completion, raw, response.RequestId))
            ?? throw _transport.Errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {Operation} response has no choices.", false, 200, response.RequestId, body);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TransportRequest request = BuildRequest(messages, options, stream: true);
        var reader = new ChatCompletionsChunkReader();
        SseStream<ChatCompletionsStreamItem> stream = await _transport
            .OpenStreamAsync(request, Operation, reader.Parse, ChatCompletionsStreamItem.ErrorOf, ChatCompletionsStreamMapper.IsPrelude, cancellationToken)
            .ConfigureAwait(false);
        await using var releaseConnection = stream.ConfigureAwait(false);

        var mapper = new ChatCompletionsStreamMapper(stream);
        bool done = false;
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            ChatCompletionsStreamItem item = stream.Current;
            if (item.IsText)
            {
                // The common chunk, read without the serializer: always visible text, never an error.
                yield return mapper.Map(item.Text);
                continue;
            }

            JsonEvent<ChatCompletionChunk> parsed = item.Parsed;
            if (parsed.IsDone)
            {
                done = true;
                break;
            }

            if (JsonEvent<ChatCompletionChunk>.ErrorOf(stream, parsed) is { } error)
            {
                throw error;
            }

            if (parsed.Value is { } chunk && mapper.Map(chunk) is { } update)
            {
                yield return update;
            }
        }

        // [DONE] alone does not prove the answer complete: new-api sends it after an upstream timeout too (WIRE.md §0.7).
        if (!done || !mapper.Finished)
        {
            // An error appended to the stream is raised even by a lenient caller: the option is for missing end markers only.
            if (!_transport.Options.AllowIncompleteStreams || stream.GetTrailingError() is not null)
            {
                throw stream.Truncated(done ? "a finish_reason before [DONE]" : "a finish_reason and [DONE]");
            }

            yield return mapper.FlushIncomplete();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        Throw.IfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(NexLLMClient) ? _owner
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The NexLLMClient owns the transport.
    }


    private TransportRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ChatCompletionRequest request = ChatCompletionsRequestMapper.Map(messages, options, _model, stream, _logIgnored);
        byte[] body = RequestBody.Serialize(request, ChatCompletionsJsonContext.Default.ChatCompletionRequest, options, this, _transport, ChatCompletionsRequestMapper.Protocol);
        return TransportRequest.PostJson(_uri, body);
    }
}
