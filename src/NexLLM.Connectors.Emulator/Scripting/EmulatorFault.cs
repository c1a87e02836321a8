using System.Globalization;
using System.Text;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;

namespace NexLLM.Connectors.Emulator;

/// <summary>
/// A scripted failure, queued with <see cref="NexLLMEmulator.Enqueue(EmulatorFault)"/> (or asked for with the
/// <c>X-NexLLM-Emulator-Fault</c> request header, see the README). Instances are immutable.
/// </summary>
/// <remarks>
/// <para>
/// The stream faults (<see cref="StreamError(int, string)"/>, <see cref="RawStreamError(int, string)"/>,
/// <see cref="Truncate"/>, <see cref="Reset"/>, <see cref="Stall"/>, <see cref="MalformedChunk"/>, <see cref="Failed"/>, <see cref="Oversize"/>)
/// count <c>afterChunks</c> in SSE events (the first chunk, with the role, is chunk 1; on <c>/v1/messages</c>
/// <c>message_start</c> is event 1, <c>ping</c> event 2 and <c>content_block_start</c> event 3; on <c>/v1/responses</c>
/// <c>response.created</c> is event 1). They strike at the latest just before the event that carries the finish reason
/// (<c>message_delta</c> on <c>/v1/messages</c>, the terminal <c>response.completed</c> on <c>/v1/responses</c>), so a
/// large count never lets the stream complete.
/// </para>
/// <para>
/// On a response that is not streamed they act on the JSON body: <c>afterChunks = 0</c> strikes before any byte of
/// the body, a larger value after its first half; the error faults answer 200 with the error JSON as the whole body.
/// </para>
/// </remarks>
public sealed class EmulatorFault
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    // Renders the body or payload for a request id, so gateway-style messages can end with " (request id: X)".
    private readonly Func<string, byte[]>? _payload;

    private EmulatorFault(EmulatorFaultKind kind, Func<string, byte[]>? payload = null)
    {
        Kind = kind;
        _payload = payload;
    }

    /// <summary>Gets what the fault does.</summary>
    public EmulatorFaultKind Kind { get; }

    /// <summary>Gets the HTTP status of a <see cref="EmulatorFaultKind.Status"/>, <see cref="EmulatorFaultKind.Raw"/> or <see cref="EmulatorFaultKind.Redirect"/> fault.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Gets the extra response headers of a <see cref="EmulatorFaultKind.Status"/> fault.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; private init; } = NoHeaders;

    /// <summary>Gets the content type of the body, or <see langword="null"/> for none.</summary>
    public string? ContentType { get; private init; }

    /// <summary>Gets the wait of a <see cref="EmulatorFaultKind.Delay"/> fault or the silence of a <see cref="EmulatorFaultKind.Stall"/> fault.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>Gets the number of SSE events sent before a stream fault strikes.</summary>
    public int AfterChunks { get; private init; }

    /// <summary>Gets the size of the event an <see cref="EmulatorFaultKind.Oversize"/> fault sends.</summary>
    public long Bytes { get; private init; }

    /// <summary>Gets the <c>Location</c> of a <see cref="EmulatorFaultKind.Redirect"/> fault.</summary>
    public string? Location { get; private init; }

    /// <summary>Gets how many consecutive requests this queued fault applies to (default 1).</summary>
    public int Times { get; private init; } = 1;

    /// <summary>Answers with a status code, an optional body and optional headers.</summary>
    /// <param name="statusCode">The HTTP status (100–999), e.g. 429, 500, 502, 529.</param>
    /// <param name="body">
    /// The exact body, or <see langword="null"/> for an empty one (new-api's IP rate limiter answers 429 with no body,
    /// docs/protocols/gateway.md#statuses). The content type is inferred: JSON when it starts with <c>{</c> or <c>[</c>, HTML when it starts
    /// with <c>&lt;</c>, plain text otherwise; a <c>Content-Type</c> in <paramref name="headers"/> wins.
    /// </param>
    /// <param name="headers">Extra response headers, e.g. <c>Retry-After</c>, <c>retry-after-ms</c>, <c>x-should-retry</c>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is outside 100–999.</exception>
    /// <exception cref="ArgumentException">A header name or value contains CR, LF or another control character.</exception>
    public static EmulatorFault Status(int statusCode, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        CheckStatus(statusCode, 100, 999);
        byte[] bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        return new EmulatorFault(EmulatorFaultKind.Status, _ => bytes)
        {
            StatusCode = statusCode,
            ContentType = InferContentType(body),
            Headers = CopyHeaders(headers),
        };
    }

    /// <summary>
    /// Answers with the gateway's OpenAI error shape <c>{"error":{"message","type","param","code"}}</c>, the message
    /// ending with <c> (request id: …)</c> as new-api writes it (docs/protocols/gateway.md#error-bodies).
    /// </summary>
    /// <param name="statusCode">The HTTP status (100–999).</param>
    /// <param name="message">The error message.</param>
    /// <param name="type">The error type, e.g. <c>upstream_error</c>, <c>new_api_error</c>, <c>rate_limit_exceeded</c>.</param>
    /// <param name="code">The error code (e.g. <c>invalid_request</c>, <c>model_not_found</c>), or <see langword="null"/> for a JSON null.</param>
    /// <param name="headers">Extra response headers.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is outside 100–999.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> or <paramref name="type"/> is <see langword="null"/>.</exception>
    public static EmulatorFault OpenAIError(int statusCode, string message, string type, string? code = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        CheckStatus(statusCode, 100, 999);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(type);
        return JsonStatus(statusCode, id => GatewayErrorBodies.OpenAI(message, type, code, id), headers);
    }

    /// <summary>
    /// Answers with the shape of new-api's middleware errors (auth, distributor, rate limit), on every route:
    /// <c>{"error":{"code","message","type":"new_api_error"}}</c> (docs/protocols/gateway.md#error-bodies).
    /// </summary>
    /// <param name="statusCode">The HTTP status (100–999).</param>
    /// <param name="message">The error message (the request id is appended).</param>
    /// <param name="code">The error code, empty when new-api gives none.</param>
    /// <param name="headers">Extra response headers.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is outside 100–999.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> or <paramref name="code"/> is <see langword="null"/>.</exception>
    public static EmulatorFault GatewayError(int statusCode, string message, string code = "", IReadOnlyDictionary<string, string>? headers = null)
    {
        CheckStatus(statusCode, 100, 999);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(code);
        return JsonStatus(statusCode, id => GatewayErrorBodies.Middleware(message, code, id), headers);
    }

    /// <summary>Answers with the Claude error shape of <c>/v1/messages</c>: <c>{"type":"error","error":{"type","message"}}</c> (docs/protocols/gateway.md#error-bodies).</summary>
    /// <param name="statusCode">The HTTP status (100–999), e.g. 529.</param>
    /// <param name="type">The error type, e.g. <c>overloaded_error</c>.</param>
    /// <param name="message">The error message (the request id is appended).</param>
    /// <param name="headers">Extra response headers.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is outside 100–999.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> or <paramref name="message"/> is <see langword="null"/>.</exception>
    public static EmulatorFault ClaudeError(int statusCode, string type, string message, IReadOnlyDictionary<string, string>? headers = null)
    {
        CheckStatus(statusCode, 100, 999);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(message);
        return JsonStatus(statusCode, id => GatewayErrorBodies.Claude(type, message, id), headers);
    }

    /// <summary>Waits before answering normally (time to response headers).</summary>
    /// <param name="duration">The wait (zero or more).</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public static EmulatorFault Delay(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return new EmulatorFault(EmulatorFaultKind.Delay) { Duration = duration };
    }

    /// <summary>Sends a normal 200 stream, then after <paramref name="afterChunks"/> events the OpenAI in-stream error <c>data: {"error":…}</c> (docs/protocols/chat-completions.md), then ends.</summary>
    /// <param name="afterChunks">The events sent before the error (0 = the error is the first event).</param>
    /// <param name="errorJson">The exact data of the error event, e.g. <c>{"error":{"message":"overloaded","type":"server_error","code":null}}</c>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="errorJson"/> is <see langword="null"/>.</exception>
    public static EmulatorFault StreamError(int afterChunks, string errorJson)
    {
        ArgumentNullException.ThrowIfNull(errorJson);
        return Stream(EmulatorFaultKind.StreamError, afterChunks, Encoding.UTF8.GetBytes(errorJson));
    }

    /// <summary>
    /// Like <see cref="StreamError(int, string)"/> with the format's generic error: OpenAI's server error on OpenAI
    /// routes, <c>event: error</c> with Claude's <c>overloaded_error</c> on <c>/v1/messages</c> (docs/protocols/claude-messages.md).
    /// </summary>
    /// <param name="afterChunks">The events sent before the error.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    public static EmulatorFault StreamError(int afterChunks) => DescribedStreamError(afterChunks, message: null, type: null, code: null);

    /// <summary>
    /// Sends a normal 200 stream, then after <paramref name="afterChunks"/> events the raw JSON with no <c>data:</c>
    /// prefix and no line break, as new-api's deferred error writer appends it (docs/protocols/gateway.md#sse-framing), then ends.
    /// </summary>
    /// <param name="afterChunks">The events sent before the raw JSON.</param>
    /// <param name="rawJson">The exact text to append.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="rawJson"/> is <see langword="null"/>.</exception>
    public static EmulatorFault RawStreamError(int afterChunks, string rawJson)
    {
        ArgumentNullException.ThrowIfNull(rawJson);
        return Stream(EmulatorFaultKind.RawStreamError, afterChunks, Encoding.UTF8.GetBytes(rawJson));
    }

    /// <summary>Like <see cref="RawStreamError(int, string)"/> with a gateway error in the OpenAI shape, request id included.</summary>
    /// <param name="afterChunks">The events sent before the raw JSON.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    public static EmulatorFault RawStreamError(int afterChunks) =>
        GatewayRawStreamError(afterChunks, "upstream stream failed: unexpected EOF", "new_api_error", "bad_response");

    /// <summary>Ends a 200 stream cleanly after <paramref name="afterChunks"/> events, with no finish reason and no <c>[DONE]</c>.</summary>
    /// <param name="afterChunks">The events sent before the end.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    public static EmulatorFault Truncate(int afterChunks) => Stream(EmulatorFaultKind.Truncate, afterChunks, null);

    /// <summary>
    /// After <paramref name="afterChunks"/> events, starts the answer over under a new id and plays it to the end: new-api's
    /// channel retry writing a second event sequence into a response that had started (docs/protocols/gateway.md#sse-framing, docs/protocols/gateway.md#gotchas).
    /// </summary>
    /// <param name="afterChunks">The events of the first, abandoned answer.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    public static EmulatorFault Failover(int afterChunks) => Stream(EmulatorFaultKind.Failover, afterChunks, null);

    /// <summary>
    /// The answer fails after <paramref name="afterChunks"/> events. On <c>/v1/responses</c> this is a response with
    /// status <c>failed</c> and <c>error: {code, message}</c> (docs/protocols/responses.md): streamed, a
    /// <c>response.failed</c> event in place of the terminal event; not streamed, a 200 body with that status. The other
    /// routes have no failed status and play it as <see cref="StreamError(int)"/> with the same message and code.
    /// </summary>
    /// <param name="afterChunks">The events sent before the failure (at the latest, the terminal event is replaced).</param>
    /// <param name="message">The error message; <see langword="null"/> for OpenAI's generic server error message.</param>
    /// <param name="code">The error code, e.g. <c>rate_limit_exceeded</c>; <see langword="null"/> for <c>server_error</c>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    public static EmulatorFault Failed(int afterChunks, string? message = null, string? code = null) =>
        Described(EmulatorFaultKind.Failed, afterChunks, message, type: null, code ?? "server_error");

    /// <summary>Aborts the connection (a TCP reset) after <paramref name="afterChunks"/> events.</summary>
    /// <param name="afterChunks">The events sent before the abort.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    public static EmulatorFault Reset(int afterChunks) => Stream(EmulatorFaultKind.Reset, afterChunks, null);

    /// <summary>Sends nothing at all (no pings either) for <paramref name="duration"/> after <paramref name="afterChunks"/> events, then aborts the connection.</summary>
    /// <param name="afterChunks">The events sent before the silence.</param>
    /// <param name="duration">The silence.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> or <paramref name="duration"/> is negative.</exception>
    public static EmulatorFault Stall(int afterChunks, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return new EmulatorFault(EmulatorFaultKind.Stall) { AfterChunks = afterChunks, Duration = duration };
    }

    /// <summary>Sends the event <c>data: {not json</c> after <paramref name="afterChunks"/> events, then goes on with the stream.</summary>
    /// <param name="afterChunks">The events sent before the malformed one.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    public static EmulatorFault MalformedChunk(int afterChunks) => Stream(EmulatorFaultKind.MalformedChunk, afterChunks, "{not json"u8.ToArray());

    /// <summary>The default size of an <see cref="Oversize"/> event: 100 MiB.</summary>
    public const long DefaultOversizeBytes = 100L * 1024 * 1024;

    /// <summary>
    /// Sends one event of <paramref name="bytes"/> bytes after <paramref name="afterChunks"/> events (a WebSocket message in
    /// fragments on the realtime route; the whole body of an answer that is not a stream), written piece by piece, then ends.
    /// </summary>
    /// <param name="afterChunks">The events sent before the large one.</param>
    /// <param name="bytes">Its size (at least 16 bytes), <see cref="DefaultOversizeBytes"/> by default.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative or <paramref name="bytes"/> is under 16.</exception>
    public static EmulatorFault Oversize(int afterChunks, long bytes = DefaultOversizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 16);
        return new EmulatorFault(EmulatorFaultKind.Oversize) { AfterChunks = afterChunks, Bytes = bytes };
    }

    /// <summary>Answers with exact bytes, e.g. a 200 HTML page where a stream was asked for, or a hand-written SSE transcript.</summary>
    /// <param name="statusCode">The HTTP status (100–999).</param>
    /// <param name="contentType">The <c>Content-Type</c> header.</param>
    /// <param name="body">The body (copied).</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is outside 100–999.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="contentType"/> or <paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> contains a control character.</exception>
    public static EmulatorFault Raw(int statusCode, string contentType, byte[] body)
    {
        CheckStatus(statusCode, 100, 999);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(body);
        CheckHeaderText(contentType, nameof(contentType));
        byte[] copy = [.. body];
        return new EmulatorFault(EmulatorFaultKind.Raw, _ => copy) { StatusCode = statusCode, ContentType = contentType };
    }

    /// <summary>Answers with a redirect and an empty body (clients must not follow it with credentials).</summary>
    /// <param name="location">The <c>Location</c> header, absolute or relative.</param>
    /// <param name="statusCode">The redirect status (300–399), 307 by default.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is outside 300–399.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="location"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="location"/> contains a control character.</exception>
    public static EmulatorFault Redirect(string location, int statusCode = 307)
    {
        ArgumentNullException.ThrowIfNull(location);
        CheckHeaderText(location, nameof(location));
        CheckStatus(statusCode, 300, 399);
        return new EmulatorFault(EmulatorFaultKind.Redirect) { StatusCode = statusCode, Location = location };
    }

    /// <summary>Returns a copy of this fault that applies to the next <paramref name="times"/> requests instead of one.</summary>
    /// <param name="times">The number of requests (1 or more).</param>
    /// <returns>The new fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public EmulatorFault WithTimes(int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        return Copy(_payload, times);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        string what = Kind switch
        {
            EmulatorFaultKind.Status or EmulatorFaultKind.Raw => $"{Kind} {StatusCode}",
            EmulatorFaultKind.Redirect => $"Redirect {StatusCode} to {Location}",
            EmulatorFaultKind.Delay => $"Delay {Duration}",
            EmulatorFaultKind.Stall => $"Stall after {AfterChunks} chunk(s) for {Duration}",
            EmulatorFaultKind.Oversize => $"Oversize ({Bytes} bytes) after {AfterChunks} chunk(s)",
            _ => $"{Kind} after {AfterChunks} chunk(s)",
        };
        return Times == 1 ? what : string.Create(CultureInfo.InvariantCulture, $"{what} (x{Times})");
    }

    /// <summary>Gets whether the fault still lets a normal answer start (a delay or a stream fault).</summary>
    internal bool LetsAnswerStart => Kind is not (EmulatorFaultKind.Status or EmulatorFaultKind.Raw or EmulatorFaultKind.Redirect);

    /// <summary>Gets what a stream error says when its JSON was not given verbatim (each format renders it in its shape), else <see langword="null"/>.</summary>
    internal FaultErrorInfo? ErrorInfo { get; private init; }

    /// <summary>Renders the body (Status, Raw) or the payload (StreamError, RawStreamError, MalformedChunk) for a request.</summary>
    internal byte[] RenderPayload(string requestId) => _payload?.Invoke(requestId) ?? [];

    /// <summary>
    /// Gets a fault's realtime variant: how the session ends after a stream error's event (<c>drop</c>: the connection is dropped without a
    /// close frame; a close status such as <c>1011</c>; <see langword="null"/>: the session goes on), or, for a
    /// malformed fault, <c>binary</c> when its bytes go out as a binary frame (README "Realtime").
    /// </summary>
    internal string? RealtimeVariant { get; private init; }

    /// <summary>Returns a copy of this fault with <see cref="RealtimeVariant"/> set.</summary>
    internal EmulatorFault WithRealtimeVariant(string? realtimeVariant) => Copy(_payload, Times, realtimeVariant);

    /// <summary>Returns a copy of this fault whose payload is rendered by <paramref name="payload"/> (a wire format's own error shape).</summary>
    internal EmulatorFault WithPayload(Func<string, byte[]> payload) => Copy(payload, Times);

    /// <summary>An in-stream error in OpenAI's shape by default, described so other formats can render it in theirs; <see langword="null"/> parts take defaults.</summary>
    internal static EmulatorFault DescribedStreamError(int afterChunks, string? message, string? type, string? code) =>
        Described(EmulatorFaultKind.StreamError, afterChunks, message, type, code);

    /// <summary>A raw stream error in the gateway's OpenAI error shape, its message ending with the request id.</summary>
    internal static EmulatorFault GatewayRawStreamError(int afterChunks, string message, string type, string? code)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        return new EmulatorFault(EmulatorFaultKind.RawStreamError, id => GatewayErrorBodies.OpenAI(message, type, code, id))
        {
            AfterChunks = afterChunks,
            ErrorInfo = new FaultErrorInfo(message, type, code),
        };
    }

    private static EmulatorFault Described(EmulatorFaultKind kind, int afterChunks, string? message, string? type, string? code)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        var info = new FaultErrorInfo(message, type, code);
        byte[] json = info.ToOpenAIStreamError();
        return new EmulatorFault(kind, _ => json) { AfterChunks = afterChunks, ErrorInfo = info };
    }

    private EmulatorFault Copy(Func<string, byte[]>? payload, int times, string? realtimeVariant = null) => new(Kind, payload)
    {
        StatusCode = StatusCode,
        Headers = Headers,
        ContentType = ContentType,
        Duration = Duration,
        AfterChunks = AfterChunks,
        Bytes = Bytes,
        Location = Location,
        Times = times,
        ErrorInfo = ErrorInfo,
        RealtimeVariant = realtimeVariant ?? RealtimeVariant,
    };

    private static EmulatorFault JsonStatus(int statusCode, Func<string, byte[]> body, IReadOnlyDictionary<string, string>? headers) =>
        new(EmulatorFaultKind.Status, body)
        {
            StatusCode = statusCode,
            ContentType = GatewayErrorBodies.JsonContentType,
            Headers = CopyHeaders(headers),
        };

    private static EmulatorFault Stream(EmulatorFaultKind kind, int afterChunks, byte[]? payload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        return new EmulatorFault(kind, payload is null ? null : _ => payload) { AfterChunks = afterChunks };
    }

    private static string? InferContentType(string? body) => body?.TrimStart() switch
    {
        null or "" => null,
        var text when text[0] is '{' or '[' => GatewayErrorBodies.JsonContentType,
        var text when text[0] == '<' => "text/html; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    private static IReadOnlyDictionary<string, string> CopyHeaders(IReadOnlyDictionary<string, string>? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return NoHeaders;
        }

        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(headers));
            ArgumentNullException.ThrowIfNull(value, nameof(headers));
            CheckHeaderText(name, nameof(headers));
            CheckHeaderText(value, nameof(headers));
            copy[name] = value;
        }

        return copy;
    }

    private static void CheckHeaderText(string text, string paramName)
    {
        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"Header text must not contain control characters (found U+{(int)c:X4}).", paramName);
            }
        }
    }

    private static void CheckStatus(int statusCode, int min, int max)
    {
        if (statusCode < min || statusCode > max)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, $"The status code must be between {min} and {max}.");
        }
    }
}
