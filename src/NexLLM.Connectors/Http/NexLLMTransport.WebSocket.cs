using System.Net;
using System.Net.WebSockets;

namespace NexLLM.Connectors.Http;

/// <summary>
/// Opening a WebSocket (the realtime route, docs/protocols/realtime.md#connecting-through-the-gateway): the key in the
/// <c>Authorization</c> header, never in the URL; our connect timeout over the whole handshake; no redirect followed; a
/// refused handshake read like any error answer.
/// </summary>
internal sealed partial class NexLLMTransport
{
    /// <summary>The longest ping interval: well under the idle limits of proxies and of the gateway (300 s), as browsers and SDKs do.</summary>
    private static readonly TimeSpan MaxKeepAliveInterval = TimeSpan.FromSeconds(30);

    private readonly object _webSocketHandlerLock = new();
    private HttpMessageHandler? _webSocketHandler;

    /// <summary>
    /// Connects a WebSocket to <paramref name="uri"/> (an <c>https</c> or <c>http</c> URI of the endpoint, sent as <c>wss</c>
    /// or <c>ws</c>). The handshake is not retried: a session is stateful, and the caller decides whether to open another.
    /// </summary>
    /// <param name="uri">The route, under <see cref="Endpoint"/>.</param>
    /// <param name="headers">Headers of the protocol (for example <c>openai-beta</c>).</param>
    /// <param name="operation">What the socket is for, for messages.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The open socket.</returns>
    /// <exception cref="NexLLMException">The handshake was refused (<see cref="NexLLMErrorKind.HttpStatus"/>), redirected
    /// (<see cref="NexLLMErrorKind.Redirect"/>), timed out (<see cref="NexLLMErrorKind.Timeout"/>) or failed (<see cref="NexLLMErrorKind.Connection"/>).</exception>
    public async Task<ClientWebSocket> ConnectWebSocketAsync(
        Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers, string operation, CancellationToken cancellationToken)
    {
        var socketUri = new UriBuilder(uri) { Scheme = uri.Scheme == Uri.UriSchemeHttps ? Uri.UriSchemeWss : Uri.UriSchemeWs }.Uri;
        var socket = new ClientWebSocket();
        ConfigureSocket(socket.Options, headers);
        TransportLog.Sending(_logger, "GET", socketUri.AbsolutePath, 1);

        using var capture = new HandshakeCapture(GetWebSocketHandler());
        using var invoker = new HttpMessageInvoker(capture, disposeHandler: false);
        using var connectTimeout = new CancellationTokenSource(Options.ConnectTimeout, Options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token);

        // The handshake is an attempt of its own (docs/telemetry.md), reported under the route the caller asked for.
        AttemptTelemetry? telemetry = AttemptTelemetry.Start("GET", uri, template: null, number: 1, previous: null);
        try
        {
            await socket.ConnectAsync(socketUri, invoker, linked.Token).ConfigureAwait(false);
            telemetry?.OnResponse((int)socket.HttpStatusCode, telemetry.RecordsTags ? RequestIds.From(socket.HttpResponseHeaders) : null);
            return socket;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or HttpRequestException)
        {
            socket.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                var canceled = new OperationCanceledException(ex.Message, ex, cancellationToken);
                telemetry?.OnFailure(canceled);
                throw canceled;
            }

            NexLLMException error = HandshakeFailure(ex, capture, connectTimeout.IsCancellationRequested, operation);
            error.Attempts = 1;
            LogFailure(socketUri, error);
            telemetry?.OnFailure(error);
            TransportTelemetry.CountFailure("GET", uri, template: null, error);
            throw error;
        }
        catch (Exception ex)
        {
            // Anything else still ends the attempt as a failure, never as a handshake that looked fine.
            socket.Dispose();
            telemetry?.OnFailure(ex);
            throw;
        }
        finally
        {
            telemetry?.End();
        }
    }

    private void ConfigureSocket(ClientWebSocketOptions options, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        options.CollectHttpResponseDetails = true;
        // Pinged at least as often as the idle timeout, so a dead peer is found within about twice that timeout.
        options.KeepAliveInterval = Options.StreamIdleTimeout == Timeout.InfiniteTimeSpan || Options.StreamIdleTimeout > MaxKeepAliveInterval
            ? MaxKeepAliveInterval
            : Options.StreamIdleTimeout;

#if NET9_0_OR_GREATER
        // A peer that stops answering pings is dead even while no response is pending (docs/reliability.md, "timeouts").
        // .NET 8 sends unsolicited pongs only; there the idle timeout of a pending response is the one guard.
        options.KeepAliveTimeout = Options.StreamIdleTimeout;
#endif
        options.SetRequestHeader("User-Agent", UserAgent.ToString());
        foreach (KeyValuePair<string, string> header in Options.DefaultHeaders)
        {
            if (!IsCredentialHeader(header.Key))
            {
                options.SetRequestHeader(header.Key, header.Value);
            }
        }

        foreach (KeyValuePair<string, string> header in headers)
        {
            options.SetRequestHeader(header.Key, header.Value);
        }

        options.SetRequestHeader("Authorization", _bearer);
    }

    private NexLLMException HandshakeFailure(Exception ex, HandshakeCapture capture, bool timedOut, string operation)
    {
        if (timedOut)
        {
            return Errors.Create(
                NexLLMErrorKind.Timeout,
                $"NexLLM {operation} could not open its WebSocket within {Options.ConnectTimeout.TotalSeconds:0.###} s (NexLLMClientOptions.ConnectTimeout).",
                transient: true,
                inner: ex);
        }

        if (capture.RefusedStatus is not { } status || capture.RefusedHeaders is not { } responseHeaders)
        {
            return Errors.Create(NexLLMErrorKind.Connection, $"NexLLM {operation} could not open its WebSocket: {ex.Message}", transient: true, inner: ex);
        }

        if ((int)status is >= 300 and < 400)
        {
            // Never followed: the key would travel to the new host (docs/reliability.md#secrets).
            Uri? location = responseHeaders.Location;
            string target = location is null ? "(no Location)" : LogText.Escape(location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Path) : location.OriginalString, 256);
            return Errors.Create(
                NexLLMErrorKind.Redirect,
                $"NexLLM {operation} was redirected (HTTP {(int)status}) to {target}; redirects are not followed so that the API key never reaches another host. Check NexLLMClientOptions.Endpoint.",
                transient: false,
                (int)status,
                RequestIds.From(responseHeaders));
        }

        if (status == HttpStatusCode.OK || (int)status is >= 200 and < 300)
        {
            // A server (or proxy) that answered the upgrade request as a plain GET.
            return Errors.Create(
                NexLLMErrorKind.InvalidResponse,
                $"NexLLM {operation} expected a WebSocket upgrade (HTTP 101) but the server answered HTTP {(int)status}.",
                transient: false,
                (int)status,
                RequestIds.From(responseHeaders),
                capture.RefusedBody);
        }

        return Errors.FromStatus(status, responseHeaders, capture.RefusedBody, operation, Options.TimeProvider.GetUtcNow());
    }

    /// <summary>
    /// The handler every socket's handshake goes through: our own, since an <see cref="HttpClient"/> the caller passed in
    /// cannot lend its handler, and the socket must not follow redirects whatever that client does.
    /// </summary>
    private HttpMessageHandler GetWebSocketHandler()
    {
        lock (_webSocketHandlerLock)
        {
            return _webSocketHandler ??= PrimaryHandler.CreateForWebSockets(Options.ConnectTimeout);
        }
    }

    private void DisposeWebSocketHandler()
    {
        lock (_webSocketHandlerLock)
        {
            _webSocketHandler?.Dispose();
            _webSocketHandler = null;
        }
    }
}
