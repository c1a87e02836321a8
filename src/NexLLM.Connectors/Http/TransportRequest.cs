namespace NexLLM.Connectors.Http;

/// <summary>
/// Everything needed to send one logical request, possibly several times: an <see cref="HttpRequestMessage"/> cannot be
/// sent twice, so the transport builds a fresh one for every attempt from this description.
/// </summary>
internal sealed class TransportRequest
{
    public required HttpMethod Method { get; init; }

    /// <summary>Gets the absolute request URI. It never carries the API key.</summary>
    public required Uri Uri { get; init; }

    /// <summary>Gets the serialized JSON body, or empty for none.</summary>
    public ReadOnlyMemory<byte> JsonBody { get; init; }

    /// <summary>
    /// Gets the factory of a body that is not JSON (a multipart upload), or <see langword="null"/>; it wins over
    /// <see cref="JsonBody"/>. It is called once per attempt: a content is disposed with the message that sent it, so a
    /// retry needs a fresh one (which may write the same caller-owned memory again).
    /// </summary>
    public Func<HttpContent>? ContentFactory { get; init; }

    /// <summary>
    /// Gets why the body cannot be sent a second time (an upload read from a caller's stream that cannot seek back), or
    /// <see langword="null"/> when it can. When set, the first failure is final, never a retry with a half-sent body, and
    /// a transient failure's message says that it was not retried and why.
    /// </summary>
    public string? NotReplayableBecause { get; init; }

    /// <summary>Gets how the request carries the key: chosen by the adapter for its protocol, never by the transport from the path.</summary>
    public required AuthScheme Auth { get; init; }

    /// <summary>
    /// Gets the <c>Accept</c> header's media type, or <see langword="null"/> for the method's own (<c>application/json</c>
    /// for a whole body, <c>text/event-stream</c> for a stream): audio, or a transcript as plain text, asks for what it takes.
    /// </summary>
    public string? Accept { get; init; }

    /// <summary>Gets extra headers for this request (already validated), sent after the client's default headers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    public static TransportRequest PostJson(Uri uri, ReadOnlyMemory<byte> body, AuthScheme auth) =>
        new() { Method = HttpMethod.Post, Uri = uri, JsonBody = body, Auth = auth };

    public static TransportRequest Get(Uri uri, AuthScheme auth) =>
        new() { Method = HttpMethod.Get, Uri = uri, Auth = auth };
}
