using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>An <see cref="IChatClient"/> over <c>POST /v1/chat/completions</c>.</summary>
internal sealed class ChatCompletionsChatClient : ChatClientBase
{
    private const string Operation = "chat completion";

    private readonly Uri _uri;

    public ChatCompletionsChatClient(NexLLMClient owner, NexLLMTransport transport, string model)
        : base(owner, transport, model, transport.Endpoint, ChatCompletionsRequestMapper.Protocol)
    {
        _uri = new Uri(transport.Endpoint, "chat/completions");
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        TransportRequest request = BuildRequest(messages, options, stream: false);
        using TransportResponse response = await Transport.SendAsync(request, Operation, cancellationToken).ConfigureAwait(false);
        (ChatCompletionResponse? completion, JsonElement raw) = ReadJson(response, ChatCompletionsJsonContext.Default.ChatCompletionResponse, Operation);
        ReadOnlySpan<byte> body = response.Body.Span;

        if (completion?.Error is { ValueKind: JsonValueKind.Object or JsonValueKind.String } && ErrorBody.TryParseJson(body, out ErrorBody error))
        {
            throw Transport.Errors.FromBodyError(error, body, Operation, response.RequestId);
        }

        return (completion is null ? null : ChatCompletionsResponseMapper.Map(completion, raw, response.RequestId))
            ?? throw Transport.Errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {Operation} response has no choices.", false, 200, response.RequestId, body);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TransportRequest request = BuildRequest(messages, options, stream: true);
        var reader = new ChatCompletionsChunkReader();
        SseStream<ChatCompletionsStreamItem> stream = await Transport
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
            if (!Transport.Options.AllowIncompleteStreams || stream.GetTrailingError() is not null)
            {
                throw stream.Truncated(done ? "a finish_reason before [DONE]" : "a finish_reason and [DONE]");
            }

            yield return mapper.FlushIncomplete();
        }
    }

    private TransportRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ChatCompletionRequest request = ChatCompletionsRequestMapper.Map(messages, options, Model, stream, LogIgnored);
        byte[] body = RequestBody.Serialize(request, ChatCompletionsJsonContext.Default.ChatCompletionRequest, options, this, Transport, ChatCompletionsRequestMapper.Protocol);
        return TransportRequest.PostJson(_uri, body);
    }
}
