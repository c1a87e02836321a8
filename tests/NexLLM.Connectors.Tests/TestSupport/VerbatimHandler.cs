using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>One request as the handler saw it: method, URI, every header (request and content) and the body bytes.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}

/// <summary>
/// A scripted <see cref="HttpMessageHandler"/>: answers each request with the next queued reply, exactly as queued, and
/// records what it was sent. No sockets. Every body it hands out is tracked, so a test can assert that the client released
/// each response.
/// </summary>
public sealed class VerbatimHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _replies = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<Stream> _bodies = new();
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public RecordedRequest SingleRequest => Assert.Single(Requests);

    public bool IsDisposed { get; private set; }

    /// <summary>Gets a value indicating whether every response body handed out so far was disposed.</summary>
    public bool AllBodiesDisposed => _bodies.All(static body => body switch
    {
        ScriptedStream scripted => scripted.IsDisposed,
        GeneratedStream generated => generated.IsDisposed,
        _ => true,
    });

    public VerbatimHandler Enqueue(Reply reply)
    {
        _replies.Enqueue((_, _) => Task.FromResult(Build(reply)));
        return this;
    }

    public VerbatimHandler Enqueue(params Reply[] replies)
    {
        foreach (Reply reply in replies)
        {
            Enqueue(reply);
        }

        return this;
    }

    /// <summary>Queues the same reply <paramref name="count"/> times.</summary>
    public VerbatimHandler EnqueueRepeated(int count, Func<Reply> reply)
    {
        for (int i = 0; i < count; i++)
        {
            Enqueue(reply());
        }

        return this;
    }

    /// <summary>Queues a custom behaviour, for example a wait for cancellation or a thrown connection failure.</summary>
    public VerbatimHandler Enqueue(Func<CancellationToken, Task<Reply>> behaviour)
    {
        _replies.Enqueue(async (_, token) => Build(await behaviour(token)));
        return this;
    }

    /// <summary>Queues a connection failure: the send throws this exception.</summary>
    public VerbatimHandler EnqueueFailure(Exception exception)
    {
        _replies.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Queues a request that never gets an answer: it waits until the client cancels it.</summary>
    public VerbatimHandler EnqueueHang()
    {
        _replies.Enqueue(async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    /// <summary>Waits (at most 5 s) for the next request to arrive.</summary>
    public async Task<RecordedRequest> NextRequestAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            return await _arrivals.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No request arrived within 5 s (received {_requests.Count} so far).");
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers.NonValidated)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers.NonValidated)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }
        }

        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        _requests.Enqueue(recorded);
        _arrivals.Writer.TryWrite(recorded);

        if (!_replies.TryDequeue(out var reply))
        {
            throw new InvalidOperationException($"The test queued no reply for request #{_requests.Count} ({request.Method} {request.RequestUri}).");
        }

        HttpResponseMessage response = await reply(request, cancellationToken);
        response.RequestMessage = request;
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }

    private HttpResponseMessage Build(Reply reply)
    {
        Stream body = reply.CreateBody();
        _bodies.Enqueue(body);
        return reply.ToResponse(body);
    }
}

/// <summary>An exact HTTP response: status, headers, and a body given as text, bytes or a stream.</summary>
public sealed class Reply
{
    private readonly List<KeyValuePair<string, string>> _headers = [];
    private Func<Stream> _body = static () => ScriptedStream.Of([]);
    private string? _contentType;
    private long? _contentLength;
    private bool _throughSocketsHandler;

    private Reply(HttpStatusCode status)
    {
        StatusCode = status;
    }

    public HttpStatusCode StatusCode { get; }

    public static Reply Json(string json, int status = 200) =>
        new Reply((HttpStatusCode)status).WithBody(json).WithContentType("application/json");

    public static Reply Sse(string events, int maxReadSize = int.MaxValue) =>
        new Reply(HttpStatusCode.OK).WithBody(Encoding.UTF8.GetBytes(events), maxReadSize).WithContentType("text/event-stream");

    /// <summary>A stream answer whose body the test drives (see <see cref="ScriptedStream"/>).</summary>
    public static Reply Sse(ScriptedStream body) =>
        new Reply(HttpStatusCode.OK).WithBody(body).WithContentType("text/event-stream");

    public static Reply Status(int status, string body = "", string? contentType = null)
    {
        var reply = new Reply((HttpStatusCode)status).WithBody(body);
        return contentType is null ? reply : reply.WithContentType(contentType);
    }

    public Reply WithBody(string text) => WithBody(Encoding.UTF8.GetBytes(text));

    public Reply WithBody(byte[] bytes, int maxReadSize = int.MaxValue)
    {
        _body = () => ScriptedStream.Of(bytes, maxReadSize);
        return this;
    }

    /// <summary>Uses this very stream as the body (a reply built this way can be sent once).</summary>
    public Reply WithBody(Stream body)
    {
        _body = () => body;
        return this;
    }

    public Reply WithContentType(string contentType)
    {
        _contentType = contentType;
        return this;
    }

    public Reply WithContentLength(long length)
    {
        _contentLength = length;
        return this;
    }

    public Reply WithHeader(string name, string value)
    {
        _headers.Add(new(name, value));
        return this;
    }

    /// <summary>
    /// Hands the body to the client as the socket handler would (see <see cref="SocketsHandlerBody"/>): framed by
    /// <c>Content-Length</c> and decoded by its last <c>Content-Encoding</c>.
    /// </summary>
    public Reply ThroughSocketsHandler()
    {
        _throughSocketsHandler = true;
        return this;
    }

    internal Stream CreateBody() => _body();

    internal HttpResponseMessage ToResponse(Stream body)
    {
        var response = new HttpResponseMessage(StatusCode) { Content = new StreamContent(body) };
        foreach (var header in _headers)
        {
            if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (_contentType is not null)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", _contentType);
        }

        response.Content.Headers.ContentLength = _contentLength;
        if (_throughSocketsHandler)
        {
            response.Content = SocketsHandlerBody.Apply(response.Content, body);
        }

        return response;
    }
}
