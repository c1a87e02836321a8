using System.Net.Http.Headers;
using Polly;

namespace NexLLM.Connectors.Http;

/// <summary>One attempt: the request message, our headers timeout, and the translation of every failure.</summary>
internal sealed partial class NexLLMTransport
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly ProductInfoHeaderValue UserAgent = new("NexLLM.Connectors", typeof(NexLLMTransport).Assembly.GetName().Version?.ToString(3) ?? "0");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("text/event-stream");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private async Task<HttpResponseMessage> SendOnceAsync(Attempt attempt, MediaTypeWithQualityHeaderValue accept)
    {
        TransportLog.Sending(_logger, attempt.Request.Method.Method, attempt.Request.Uri.AbsolutePath, attempt.Number);
        long started = Options.TimeProvider.GetTimestamp();
        using HttpRequestMessage message = BuildMessage(attempt.Request, accept);
        using var headersTimeout = new CancellationTokenSource(Options.ResponseTimeout, Options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(attempt.CallerToken, headersTimeout.Token);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (attempt.CallerToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(ex.Message, ex, attempt.CallerToken);
        }
        catch (OperationCanceledException ex)
        {
            // Which limit fired: ours, the socket handler's connect timeout, or the Timeout of a caller's HttpClient.
            (TimeSpan limit, string setting, string what) =
                headersTimeout.IsCancellationRequested ? (Options.ResponseTimeout, "NexLLMClientOptions.ResponseTimeout", "got no response headers")
                : _ownsHttp && ex.InnerException is TimeoutException ? (Options.ConnectTimeout, "NexLLMClientOptions.ConnectTimeout", "could not connect")
                : (_http.Timeout, "HttpClient.Timeout", "did not complete");
            throw Errors.Create(NexLLMErrorKind.Timeout, $"NexLLM {attempt.Operation} {what} within {limit.TotalSeconds:0.###} s ({setting}).", transient: true, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            if (message.Content is MultipartFormContent { SourceFailure: { } sourceFailure })
            {
                // The caller's upload stream failed, not the network: its own exception, not retried.
                sourceFailure.Throw();
            }

            throw Errors.Create(NexLLMErrorKind.Connection, $"NexLLM {attempt.Operation} could not reach the server: {ex.Message}", IsTransient(ex), inner: ex);
        }
        catch (ExecutionRejectedException ex)
        {
            // A resilience handler in the caller's HttpClient pipeline gave up (its own timeout or an open circuit).
            NexLLMErrorKind kind = ex is Polly.Timeout.TimeoutRejectedException ? NexLLMErrorKind.Timeout : NexLLMErrorKind.Connection;
            throw Errors.Create(kind, $"NexLLM {attempt.Operation} was rejected by a resilience handler of the HttpClient: {ex.Message}", transient: true, inner: ex);
        }

        TransportLog.Received(
            _logger, attempt.Request.Method.Method, attempt.Request.Uri.AbsolutePath, (int)response.StatusCode, (long)Options.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
        attempt.Telemetry?.OnResponse((int)response.StatusCode, response.Headers);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                // Never followed: the .NET handler would forward x-api-key and x-goog-api-key to the new host.
                string target = response.Headers.Location is { } location ? LogText.Escape(location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Path) : location.OriginalString, 256) : "(no Location)";
                throw Errors.Create(
                    NexLLMErrorKind.Redirect,
                    $"NexLLM {attempt.Operation} was redirected (HTTP {(int)response.StatusCode}) to {target}; redirects are not followed so that the API key never reaches another host. Check NexLLMClientOptions.Endpoint.",
                    transient: false,
                    (int)response.StatusCode,
                    RequestIds.From(response.Headers));
            }

            byte[] body = await ReadErrorBodyAsync(response, attempt).ConfigureAwait(false);
            throw Errors.FromStatus(response.StatusCode, response.Headers, body, attempt.Operation, Options.TimeProvider.GetUtcNow());
        }
    }

    /// <summary>A 200 answer with an HTML or JSON body where a stream was asked for is an error, not an empty stream.</summary>
    private async Task RejectNonEventStreamAsync(HttpResponseMessage response, Attempt attempt)
    {
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        byte[] body = await ReadErrorBodyAsync(response, attempt).ConfigureAwait(false);
        ErrorBody error = ErrorBody.Parse(body);
        throw Errors.Create(
            NexLLMErrorKind.InvalidResponse,
            $"NexLLM {attempt.Operation} expected an event stream but the server answered {mediaType}: {error.Message ?? "(empty body)"}",
            transient: false,
            (int)response.StatusCode,
            RequestIds.From(response.Headers),
            body,
            error: error);
    }

    private async Task<byte[]> ReadErrorBodyAsync(HttpResponseMessage response, Attempt attempt)
    {
        using var idle = new IdleTimeout(Options.StreamIdleTimeout, Options.TimeProvider, attempt.CallerToken);
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            return await PooledBody.ReadPrefixAsync(stream, MaxErrorBodyBytes, idle).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (attempt.CallerToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(ex.Message, ex, attempt.CallerToken);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidDataException or OperationCanceledException)
        {
            // The status says enough; a body we cannot read adds nothing.
            return [];
        }
    }

    /// <summary>A failure while a body is read: a stall, a cut-off connection, or a body that cannot be decompressed.</summary>
    private NexLLMException? TranslateReadFailure(Exception ex, IdleTimeout? idle, Attempt attempt, string? requestId) => ex switch
    {
        OperationCanceledException when idle is { Elapsed: true } => Errors.Create(
            NexLLMErrorKind.Timeout, $"NexLLM {attempt.Operation} response body stalled for longer than {idle.Duration.TotalSeconds:0.###} s (NexLLMClientOptions.StreamIdleTimeout).", transient: true, 200, requestId, inner: ex),
        IOException or HttpRequestException => Errors.Create(
            NexLLMErrorKind.Connection, $"NexLLM {attempt.Operation} response body was cut off: {ex.Message}", transient: true, 200, requestId, inner: ex),
        InvalidDataException => Errors.Create(
            NexLLMErrorKind.InvalidResponse, $"NexLLM {attempt.Operation} response body could not be decompressed: {ex.Message}", transient: false, 200, requestId, inner: ex),
        _ => null,
    };

    /// <summary>Errors no retry can fix: TLS and certificate failures, proxy authentication, configured limits.</summary>
    private static bool IsTransient(HttpRequestException ex) => ex.HttpRequestError is not (
        HttpRequestError.SecureConnectionError or HttpRequestError.UserAuthenticationError or HttpRequestError.ConfigurationLimitExceeded);

    private HttpRequestMessage BuildMessage(TransportRequest request, MediaTypeWithQualityHeaderValue accept)
    {
        var message = new HttpRequestMessage(request.Method, request.Uri);
        HttpRequestHeaders headers = message.Headers;
        headers.UserAgent.Add(UserAgent);
        headers.Accept.Add(request.Accept is { } asked ? new MediaTypeWithQualityHeaderValue(asked) : accept);
        foreach (KeyValuePair<string, string> header in Options.DefaultHeaders)
        {
            if (!IsCredentialHeader(header.Key))
            {
                headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (request.Headers is { } extra)
        {
            foreach (KeyValuePair<string, string> header in extra)
            {
                headers.Remove(header.Key);
                headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        switch (request.Auth)
        {
            case AuthScheme.Bearer:
                headers.TryAddWithoutValidation("Authorization", _bearer);
                break;
            case AuthScheme.XApiKey:
                headers.TryAddWithoutValidation("x-api-key", _apiKey);
                break;
            case AuthScheme.GoogApiKey:
                headers.TryAddWithoutValidation("x-goog-api-key", _apiKey);
                break;
        }

        if (request.ContentFactory is { } createContent)
        {
            message.Content = createContent();
        }
        else if (!request.JsonBody.IsEmpty)
        {
            message.Content = new ReadOnlyMemoryContent(request.JsonBody) { Headers = { ContentType = JsonContentType } };
        }

        return message;
    }

    private static bool IsCredentialHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-goog-api-key", StringComparison.OrdinalIgnoreCase);
}
