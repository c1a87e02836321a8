using System.Net;
using System.Net.Http.Headers;

namespace NexLLM.Connectors.Http;

/// <summary>
/// The message handler of one WebSocket handshake. <see cref="System.Net.WebSockets.ClientWebSocket"/> reports a refused
/// upgrade only as a status code (<c>CollectHttpResponseDetails</c>) and disposes the answer unread, yet the gateway puts
/// the reason in the body (docs/protocols/gateway.md#error-bodies). This handler keeps the first bytes of any answer
/// other than 101 Switching Protocols, with its status and headers, before the socket sees it.
/// </summary>
internal sealed class HandshakeCapture(HttpMessageHandler shared) : HttpMessageHandler
{
    private const int MaxBodyBytes = 64 * 1024;

    private readonly HttpMessageInvoker _inner = new(shared, disposeHandler: false);

    /// <summary>Gets the status of a refused handshake, or <see langword="null"/> while none was refused.</summary>
    public HttpStatusCode? RefusedStatus { get; private set; }

    /// <summary>Gets the headers of the refused handshake.</summary>
    public HttpResponseHeaders? RefusedHeaders { get; private set; }

    /// <summary>Gets the first bytes of the refused handshake's body.</summary>
    public byte[] RefusedBody { get; private set; } = [];

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A WebSocket handshake is always sent asynchronously.");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await _inner.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.SwitchingProtocols || (response.IsSuccessStatusCode && request.Version.Major >= 2))
        {
            // HTTP/2 WebSockets (RFC 8441) answer the extended CONNECT with 200.
            return response;
        }

        RefusedStatus = response.StatusCode;
        RefusedHeaders = response.Headers;
        try
        {
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            RefusedBody = await ReadPrefixAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The status says enough; a body we cannot read adds nothing.
        }

        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static async Task<byte[]> ReadPrefixAsync(Stream body, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[MaxBodyBytes];
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return buffer.AsSpan(0, filled).ToArray();
    }
}
