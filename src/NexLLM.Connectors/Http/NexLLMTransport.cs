using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace NexLLM.Connectors.Http;

/// <summary>
/// The one HTTP layer every adapter uses: builds each attempt, authenticates it, sends it with our own timeouts (never
/// <see cref="HttpClient.Timeout"/>), turns every failure into a <see cref="NexLLMException"/>, and retries what is safe
/// to retry (docs/reliability.md, "promises"). Sending one attempt is in <c>NexLLMTransport.Attempt.cs</c>.
/// </summary>
internal sealed partial class NexLLMTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline _retry;
    private readonly string _apiKey;
    private readonly string _bearer;
    private readonly ILogger _logger;

    public NexLLMTransport(NexLLMClientOptions options, HttpClient? httpClient)
    {
        Options = options;
        _apiKey = options.ApiKey!;
        _bearer = "Bearer " + _apiKey;
        Errors = new ErrorFactory(new SecretRedactor(_apiKey));
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = LoggerFactory.CreateLogger("NexLLM.Connectors.Transport");
        _retry = RetryPolicy.Build(options, _logger);
        GeminiEndpoint = options.GeminiEndpoint ?? EndpointRules.GeminiBase(options.Endpoint);

        if (httpClient is null)
        {
            _http = new HttpClient(PrimaryHandler.Create(options.ConnectTimeout), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            _ownsHttp = true;
        }
        else
        {
            _http = httpClient;
            if (httpClient.Timeout != Timeout.InfiniteTimeSpan)
            {
                TransportLog.FiniteHttpClientTimeout(_logger, httpClient.Timeout);
            }
        }
    }

    /// <summary>Gets the validated options snapshot.</summary>
    public NexLLMClientOptions Options { get; }

    /// <summary>Gets the factory of every exception raised on this client's behalf (it knows which secret to redact).</summary>
    public ErrorFactory Errors { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Gets the base of the OpenAI-style routes (ends with '/').</summary>
    public Uri Endpoint => Options.Endpoint;

    /// <summary>Gets the base of the Gemini-native routes (ends with '/').</summary>
    public Uri GeminiEndpoint { get; }

    /// <summary>Sends a request and reads its whole body, retrying transient failures.</summary>
    public Task<TransportResponse> SendAsync(TransportRequest request, string operation, CancellationToken cancellationToken) =>
        ExecuteAsync(request, operation, static (transport, attempt) => transport.SendAttemptAsync(attempt), cancellationToken);

    /// <summary>
    /// Opens an event stream. Events up to the first one the caller would see are read inside the retry boundary: a
    /// stream that fails before that, or whose first event is an error, is retried like an error status (nothing was
    /// delivered yet). Those events are replayed to the reader.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="operation">What the request does, for messages.</param>
    /// <param name="parser">Parses one event's data.</param>
    /// <param name="errorOf">The error the current event carries, if any.</param>
    /// <param name="isPrelude">Whether an event carries nothing the caller would see (a role-only chunk, a ping, a start marker).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public Task<SseStream<T>> OpenStreamAsync<T>(
        TransportRequest request,
        string operation,
        SseDataParser<T> parser,
        Func<SseStream<T>, NexLLMException?> errorOf,
        Func<T, bool> isPrelude,
        CancellationToken cancellationToken) =>
        ExecuteAsync(request, operation, (transport, attempt) => transport.StreamAttemptAsync(attempt, parser, errorOf, isPrelude), cancellationToken);

    /// <summary>
    /// Opens a body to be read as it arrives (audio). Its first bytes are read inside the retry boundary, so a failure
    /// before any byte reached the caller is retried like an error status.
    /// </summary>
    public Task<ResponseBodyStream> OpenBodyAsync(TransportRequest request, string operation, CancellationToken cancellationToken) =>
        ExecuteAsync(request, operation, static (transport, attempt) => transport.BodyAttemptAsync(attempt), cancellationToken);

    /// <summary>Logs that an option has no equivalent in a protocol (docs/architecture.md#conventions: ignored, never sent under another name).</summary>
    public void LogIgnoredOption(string protocol, string option) => TransportLog.OptionIgnored(_logger, protocol, option);

    /// <summary>Logs a failure that happened after a stream was handed to its reader.</summary>
    public void LogFailure(Uri uri, NexLLMException ex) =>
        TransportLog.Failed(_logger, uri.AbsolutePath, ex.Attempts, ex.Kind, ex.StatusCode, ex.ErrorType, ex.ErrorCode, ex.RequestId);

    public void Dispose()
    {
        DisposeWebSocketHandler();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<TResult> ExecuteAsync<TResult>(
        TransportRequest request, string operation, Func<NexLLMTransport, Attempt, Task<TResult>> send, CancellationToken cancellationToken)
    {
        var attempt = new Attempt(request, operation, cancellationToken);
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPolicy.PathKey, request.Uri.AbsolutePath);
        ResiliencePipeline retry = request.NotReplayableBecause is null ? _retry : ResiliencePipeline.Empty;
        try
        {
            return await retry.ExecuteAsync(
                static async (_, state) =>
                {
                    Attempt attempt = state.Attempt;
                    attempt.Number++;
                    attempt.Telemetry = AttemptTelemetry.Start(attempt.Request.Method.Method, attempt.Request.Uri, null, attempt.Number, attempt.LastFailure);
                    try
                    {
                        TResult result = await state.Send(state.Transport, attempt).ConfigureAwait(false);

                        // A stream took the telemetry over (it is null then): the attempt ends with the stream.
                        attempt.Telemetry?.End();
                        return result;
                    }
                    catch (Exception ex) when (attempt.Failed(ex))
                    {
                        throw; // Never reached: Failed only records, and returns false.
                    }
                },
                context,
                (Transport: this, Attempt: attempt, Send: send)).ConfigureAwait(false);
        }
        catch (NexLLMException ex)
        {
            ex.Attempts = attempt.Number;
            LogFailure(request.Uri, ex);
            TransportTelemetry.CountFailure(request.Method.Method, request.Uri, template: null, ex);
            if (request.NotReplayableBecause is { } reason && Options.MaxRetries > 0 && RetryPolicy.ShouldRetry(ex))
            {
                throw ErrorFactory.WithNote(ex, $"Not retried: {reason}.");
            }

            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<TransportResponse> SendAttemptAsync(Attempt attempt)
    {
        using HttpResponseMessage response = await SendOnceAsync(attempt, AcceptJson).ConfigureAwait(false);
        string? requestId = RequestIds.From(response.Headers);
        using var idle = new IdleTimeout(Options.StreamIdleTimeout, Options.TimeProvider, attempt.CallerToken);
        try
        {
            Stream body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            PooledBody? content = await PooledBody.ReadAsync(body, response.Content.Headers.ContentLength, Options.MaxResponseBytes, idle).ConfigureAwait(false);
            return content is null
                ? throw Errors.Create(
                    NexLLMErrorKind.ResponseTooLarge,
                    $"NexLLM {attempt.Operation} response is larger than {Options.MaxResponseBytes:N0} bytes (NexLLMClientOptions.MaxResponseBytes).",
                    transient: false,
                    (int)response.StatusCode,
                    requestId)
                : new TransportResponse(content, requestId, response.Content.Headers.ContentType?.MediaType);
        }
        catch (OperationCanceledException ex) when (attempt.CallerToken.IsCancellationRequested)
        {
            // The read ran on the idle timer's linked token: surface the caller's own token, as every other phase does.
            throw new OperationCanceledException(ex.Message, ex, attempt.CallerToken);
        }
        catch (Exception ex) when (TranslateReadFailure(ex, idle, attempt, requestId) is { } translated)
        {
            throw translated;
        }
    }

    private async Task<SseStream<T>> StreamAttemptAsync<T>(
        Attempt attempt, SseDataParser<T> parser, Func<SseStream<T>, NexLLMException?> errorOf, Func<T, bool> isPrelude)
    {
        HttpResponseMessage response = await SendOnceAsync(attempt, AcceptEventStream).ConfigureAwait(false);
        SseStream<T>? stream = null;
        try
        {
            await RejectNonEventStreamAsync(response, attempt).ConfigureAwait(false);
            Stream body = await response.Content.ReadAsStreamAsync(attempt.CallerToken).ConfigureAwait(false);
            stream = new SseStream<T>(response, body, parser, this, attempt.Request.Uri, attempt.Operation, attempt.Number, attempt.Telemetry, attempt.CallerToken);
            await stream.ReadAheadAsync(errorOf, isPrelude).ConfigureAwait(false);
            stream.TakeOverTelemetry();
            attempt.Telemetry = null;
            return stream;
        }
        catch (Exception ex) when (ex is not (NexLLMException or OperationCanceledException) && TranslateReadFailure(ex, null, attempt, RequestIds.From(response.Headers)) is { } translated)
        {
            await DisposeAsync(stream, response).ConfigureAwait(false);
            throw translated;
        }
        catch
        {
            await DisposeAsync(stream, response).ConfigureAwait(false);
            throw;
        }

        static async ValueTask DisposeAsync(SseStream<T>? stream, HttpResponseMessage response)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                response.Dispose();
            }
        }
    }

    private async Task<ResponseBodyStream> BodyAttemptAsync(Attempt attempt)
    {
        HttpResponseMessage response = await SendOnceAsync(attempt, AcceptJson).ConfigureAwait(false);
        ResponseBodyStream? body = null;
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(attempt.CallerToken).ConfigureAwait(false);
            body = new ResponseBodyStream(response, stream, this, attempt.Request.Uri, attempt.Operation, attempt.Number, attempt.Telemetry, attempt.CallerToken);
            await body.ReadAheadAsync().ConfigureAwait(false);
            body.TakeOverTelemetry();
            attempt.Telemetry = null;
            return body;
        }
        catch (Exception ex) when (ex is not (NexLLMException or OperationCanceledException) && TranslateReadFailure(ex, null, attempt, RequestIds.From(response.Headers)) is { } translated)
        {
            await DisposeAsync(body, response).ConfigureAwait(false);
            throw translated;
        }
        catch
        {
            await DisposeAsync(body, response).ConfigureAwait(false);
            throw;
        }

        static async ValueTask DisposeAsync(ResponseBodyStream? body, HttpResponseMessage response)
        {
            if (body is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                response.Dispose();
            }
        }
    }

    /// <summary>The state of one logical request across its attempts.</summary>
    private sealed class Attempt(TransportRequest request, string operation, CancellationToken callerToken)
    {
        public TransportRequest Request { get; } = request;

        public string Operation { get; } = operation;

        public CancellationToken CallerToken { get; } = callerToken;

        public int Number { get; set; }

        /// <summary>Gets or sets the current attempt's telemetry: null when nobody listens, or once a stream took it over.</summary>
        public AttemptTelemetry? Telemetry { get; set; }

        /// <summary>Gets the failure of the previous attempt: the reason of a retry.</summary>
        public Exception? LastFailure { get; private set; }

        /// <summary>Records a failed attempt and ends its telemetry; returns <see langword="false"/>, for an exception filter.</summary>
        public bool Failed(Exception ex)
        {
            LastFailure = ex;
            if (Telemetry is { } telemetry)
            {
                telemetry.OnFailure(ex);
                telemetry.End();
                Telemetry = null;
            }

            return false;
        }
    }
}
