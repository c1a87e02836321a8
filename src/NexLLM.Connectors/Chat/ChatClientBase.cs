using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// The one chat pipeline every wire format runs: write the request, send it, read the body or the stream, check the
/// prelude, map, and apply the format's end-of-stream rule. A format supplies the strategy: how to write its request
/// (<see cref="BuildRequest"/>), how to read its body (<see cref="ResponseType"/>, <see cref="CarriesError"/>,
/// <see cref="MapResponse"/>), how to map its stream events (<see cref="CreateParser"/>, <see cref="IsPrelude"/>,
/// <see cref="CreateStreamMapper"/>) and how its stream ends (<see cref="EndOfStream"/>). Also what every chat adapter
/// shares: the owning client, the metadata and the services it answers. The NexLLMClient owns the transport, so disposing
/// an adapter does nothing.
/// </summary>
/// <typeparam name="TResponse">The format's non-streamed response body.</typeparam>
/// <typeparam name="TText">The format's usual stream text event (the fast path).</typeparam>
/// <typeparam name="TEvent">The format's stream event.</typeparam>
/// <typeparam name="TMapper">The format's stream mapper.</typeparam>
internal abstract class ChatClientBase<TResponse, TText, TEvent, TMapper> : IChatClient
    where TResponse : class
    where TText : struct
    where TEvent : class
    where TMapper : IChatStreamMapper<TText, TEvent>
{
    private readonly NexLLMClient _owner;
    private readonly ChatClientMetadata _metadata;

    protected ChatClientBase(NexLLMClient owner, NexLLMTransport transport, string model, Uri providerUri, string protocol, string operation)
    {
        _owner = owner;
        Transport = transport;
        Model = model;
        Operation = operation;
        _metadata = new ChatClientMetadata("nexllm", providerUri, model);
        LogIgnored = option => transport.LogIgnoredOption(protocol, option);
    }

    protected NexLLMTransport Transport { get; }

    /// <summary>Gets the model this client was created for (a request's <see cref="ChatOptions.ModelId"/> wins).</summary>
    protected string Model { get; }

    /// <summary>Gets what a request does, for messages (<c>chat completion</c>, <c>Claude message</c>...).</summary>
    protected string Operation { get; }

    /// <summary>Gets the logger of options the format cannot carry.</summary>
    protected Action<string> LogIgnored { get; }

    /// <summary>Gets the source-generated type of the non-streamed body.</summary>
    protected abstract JsonTypeInfo<TResponse> ResponseType { get; }

    /// <summary>Gets what a body without an answer lacks, for the error message (<c>choices</c>, <c>content</c>...).</summary>
    protected abstract string AnswerPart { get; }

    /// <summary>Gets whether a stream event carries nothing a caller would see (read inside the retry boundary).</summary>
    protected abstract Func<StreamItem<TText, TEvent>, bool> IsPrelude { get; }

    /// <summary>Gets how the format's streams end.</summary>
    protected abstract EndOfStreamRule<TEvent, TMapper> EndOfStream { get; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        TransportRequest request = BuildRequest(messages, options, stream: false);
        using TransportResponse response = await Transport.SendAsync(request, Operation, cancellationToken).ConfigureAwait(false);
        (TResponse? value, JsonElement raw) = ResponseJson.Read(response, ResponseType, CarriesError, Transport, Operation);
        ChatResponse? answer;
        try
        {
            answer = value is null ? null : MapResponse(value, raw, response.RequestId);
        }
        catch (ResponseContentException ex)
        {
            throw ResponseJson.InvalidContent(response, ex, Transport, Operation);
        }

        return answer ?? throw ResponseJson.Invalid(response, $"has no {AnswerPart}.", Transport, Operation);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TransportRequest request = BuildRequest(messages, options, stream: true);
        SseStream<StreamItem<TText, TEvent>> stream = await Transport
            .OpenStreamAsync(request, Operation, CreateParser(), StreamItem<TText, TEvent>.ErrorOf, IsPrelude, cancellationToken)
            .ConfigureAwait(false);
        await using var releaseConnection = stream.ConfigureAwait(false);

        TMapper mapper = CreateStreamMapper(stream);
        EndOfStreamRule<TEvent, TMapper> rule = EndOfStream;
        bool sawEnd = false;
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            StreamItem<TText, TEvent> item = stream.Current;
            if (item.IsText)
            {
                // The common event, read without the serializer: always visible text, never an error.
                yield return mapper.Map(item.Text);
                continue;
            }

            if (JsonEvent<TEvent>.ErrorOf(stream, item.Parsed) is { } error)
            {
                throw error;
            }

            ChatResponseUpdate? update;
            try
            {
                update = item.Parsed.Value is { } value ? mapper.Map(value) : null;
            }
            catch (ResponseContentException ex)
            {
                throw stream.InvalidContent(ex);
            }

            if (update is not null)
            {
                yield return update;
            }

            if (rule.Ends(item.Parsed, mapper))
            {
                sawEnd = true;
                break;
            }
        }

        bool complete = rule.IsComplete(mapper, sawEnd);
        stream.ThrowIfIncomplete(sawEnd, complete, rule.Missing(sawEnd));

        ChatResponseUpdate? last;
        try
        {
            last = rule.Last(mapper, complete);
        }
        catch (ResponseContentException ex)
        {
            throw stream.InvalidContent(ex);
        }

        if (last is not null)
        {
            yield return last;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, _metadata, _owner, this);

    public void Dispose()
    {
        // The NexLLMClient owns the transport.
    }

    /// <summary>Writes the format's request for these messages and options.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The caller's options.</param>
    /// <param name="stream">Whether the answer is streamed.</param>
    /// <returns>The request, with its URI, body, headers and how it authenticates.</returns>
    protected abstract TransportRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream);

    /// <summary>Whether a 200 body is the format's error object rather than an answer.</summary>
    /// <param name="response">The body.</param>
    /// <returns><see langword="true"/> when it carries an error.</returns>
    protected abstract bool CarriesError(TResponse response);

    /// <summary>Maps a non-streamed body.</summary>
    /// <param name="response">The body.</param>
    /// <param name="raw">The whole body, for <see cref="ChatResponse.RawRepresentation"/>.</param>
    /// <param name="requestId">The gateway's request id.</param>
    /// <returns>The answer, or <see langword="null"/> when the body holds none (no <see cref="AnswerPart"/>).</returns>
    /// <exception cref="ResponseContentException">The body holds content no caller can use.</exception>
    protected abstract ChatResponse? MapResponse(TResponse response, JsonElement raw, string? requestId);

    /// <summary>Creates the parser of one stream's events (a fast-path reader may keep state per stream).</summary>
    /// <returns>The parser.</returns>
    protected abstract SseDataParser<StreamItem<TText, TEvent>> CreateParser();

    /// <summary>Creates the mapper of one stream.</summary>
    /// <param name="stream">The open stream.</param>
    /// <returns>The mapper.</returns>
    protected abstract TMapper CreateStreamMapper(IStreamContext stream);
}
