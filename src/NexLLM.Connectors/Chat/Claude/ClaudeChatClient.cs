using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>An <see cref="IChatClient"/> over the Claude Messages format, <c>POST /v1/messages</c>.</summary>
internal sealed class ClaudeChatClient : ChatClientBase
{
    /// <summary>The API version new-api also defaults to (WIRE.md §0.2).</summary>
    public const string AnthropicVersion = "2023-06-01";

    private const string Operation = "Claude message";

    private readonly Uri _uri;

    public ClaudeChatClient(NexLLMClient owner, NexLLMTransport transport, string model)
        : base(owner, transport, model, transport.Endpoint, ClaudeRequestMapper.Protocol)
    {
        _uri = new Uri(transport.Endpoint, "messages");
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        TransportRequest request = BuildRequest(messages, options, stream: false);
        using TransportResponse response = await Transport.SendAsync(request, Operation, cancellationToken).ConfigureAwait(false);
        (ClaudeResponse? message, JsonElement raw) = ReadJson(response, ClaudeJsonContext.Default.ClaudeResponse, Operation);
        ReadOnlySpan<byte> body = response.Body.Span;

        if (message?.Type == "error" && ErrorBody.TryParseJson(body, out ErrorBody error))
        {
            throw Transport.Errors.FromBodyError(error, body, Operation, response.RequestId);
        }

        if (message is not { Content: not null })
        {
            throw Transport.Errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {Operation} response has no content.", false, 200, response.RequestId, body);
        }

        try
        {
            return ClaudeResponseMapper.Map(message, raw, response.RequestId);
        }
        catch (ResponseContentException ex)
        {
            throw InvalidContent(response, Operation, ex);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TransportRequest request = BuildRequest(messages, options, stream: true);
        SseStream<ClaudeStreamItem> stream = await Transport
            .OpenStreamAsync(request, Operation, ClaudeEventReader.Parse, ClaudeStreamItem.ErrorOf, ClaudeStreamMapper.IsPrelude, cancellationToken)
            .ConfigureAwait(false);
        await using var releaseConnection = stream.ConfigureAwait(false);

        var mapper = new ClaudeStreamMapper(stream);
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            ClaudeStreamItem item = stream.Current;
            if (item.IsText)
            {
                // The common event, read without the serializer: always visible text, never an error.
                yield return mapper.Map(item.Text);
                continue;
            }

            if (JsonEvent<ClaudeStreamEvent>.ErrorOf(stream, item.Parsed) is { } error)
            {
                throw error;
            }

            ChatResponseUpdate? update;
            try
            {
                update = item.Parsed.Value is { } parsed ? mapper.Map(parsed) : null;
            }
            catch (ResponseContentException ex)
            {
                throw stream.InvalidContent(ex);
            }

            if (update is not null)
            {
                yield return update;
            }

            if (mapper.Stopped)
            {
                yield break;
            }
        }

        // No message_stop: incomplete, whatever came before (a message_delta with a stop reason included). An error
        // appended to the stream is raised even by a lenient caller: the option is for missing end markers only.
        if (!Transport.Options.AllowIncompleteStreams || stream.GetTrailingError() is not null)
        {
            throw stream.Truncated("message_stop");
        }

        ChatResponseUpdate flushed;
        try
        {
            flushed = mapper.FlushIncomplete();
        }
        catch (ResponseContentException ex)
        {
            throw stream.InvalidContent(ex);
        }

        yield return flushed;
    }

    private TransportRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
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
}
