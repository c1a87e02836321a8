namespace NexLLM.Connectors.Http;

/// <summary>
/// A successful non-streamed response: its body, its media type (from <c>Content-Type</c>, without parameters) and the
/// gateway's request id. Dispose it to return the body's buffer.
/// </summary>
internal sealed class TransportResponse(PooledBody body, string? requestId, string? mediaType = null) : IDisposable
{
    public PooledBody Body { get; } = body;

    public string? RequestId { get; } = requestId;

    /// <summary>Gets the body's media type, for example <c>application/json</c> or <c>text/plain</c>, if the server named one.</summary>
    public string? MediaType { get; } = mediaType;

    public void Dispose() => Body.Dispose();
}
