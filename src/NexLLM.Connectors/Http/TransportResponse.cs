namespace NexLLM.Connectors.Http;

/// <summary>A successful non-streamed response: its body and the gateway's request id. Dispose it to return the body's buffer.</summary>
internal sealed class TransportResponse(PooledBody body, string? requestId) : IDisposable
{
    public PooledBody Body { get; } = body;

    public string? RequestId { get; } = requestId;

    public void Dispose() => Body.Dispose();
}
