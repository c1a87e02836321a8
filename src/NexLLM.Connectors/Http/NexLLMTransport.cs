using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace NexLLM.Connectors.Http;

/// <summary>
/// The one HTTP layer every adapter uses: builds each attempt, authenticates it, sends it with our own timeouts (never
/// <see cref="HttpClient.Timeout"/>), turns every failure into a <see cref="NexLLMException"/>, and retries what is safe
/// to retry (RELIABILITY.md, "promises").
/// </summary>
internal sealed partial class NexLLMTransport : IDisposable
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly ResiliencePropertyKey<string> PathKey = new("nexllm.path");

    private static readonly ProductInfoHeaderValue UserAgent = new("NexLLM.Connectors", typeof(NexLLMTransport).Assembly.GetName().Version?.ToString(3) ?? "0");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("text/event-stream");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

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
        _retry = BuildRetryPipeline(options, _logger);
        GeminiEndpoint = options.GeminiEndpoint ?? EndpointRules.GeminiBase(options.Endpoint);

        if (httpClient is null)
        {
            _http = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
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
    /// Opens an event stream. The first event is read inside the retry boundary: a stream that fails before any event,
    /// or whose first event is an error (<paramref name="firstEventError"/>), is retried like an error status.
    /// </summary>
    public Task<SseStream<T>> OpenStreamAsync<T>(
        TransportRequest request, string operation, SseItemParser<T> parser, Func<SseStream<T>, NexLLMException?> firstEventError, CancellationToken cancellationToken) =>
        ExecuteAsync(request, operation, (transport, attempt) => transport.StreamAttemptAsync(attempt, parser, firstEventError), cancellationToken);

    /// <summary>Logs that an option has no equivalent in a protocol (ARCHITECTURE.md: ignored, never sent under another name).</summary>
    public void LogIgnoredOption(string protocol, string option) => TransportLog.OptionIgnored(_logger, protocol, option);

    public void Dispose()
    {
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
        context.Properties.Set(PathKey, request.Uri.AbsolutePath);
        try
        {
            return await _retry.ExecuteAsync(
                static async (_, state) =>
                {
                    state.Attempt.Number++;
                    return await state.Send(state.Transport, state.Attempt).ConfigureAwait(false);
                },
                context,
                (Transport: this, Attempt: attempt, Send: send)).ConfigureAwait(false);
        }
        catch (NexLLMException ex)
        {
            ex.Attempts = attempt.Number;
            TransportLog.Failed(_logger, request.Uri.AbsolutePath, attempt.Number, ex.Kind, ex.StatusCode, ex.ErrorType, ex.ErrorCode, ex.RequestId);
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
                : new TransportResponse(content, requestId);
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

    private async Task<SseStream<T>> StreamAttemptAsync<T>(Attempt attempt, SseItemParser<T> parser, Func<SseStream<T>, NexLLMException?> firstEventError)
    {
        HttpResponseMessage response = await SendOnceAsync(attempt, AcceptEventStream).ConfigureAwait(false);
        SseStream<T>? stream = null;
        try
        {
            await RejectNonEventStreamAsync(response, attempt).ConfigureAwait(false);
            Stream body = await response.Content.ReadAsStreamAsync(attempt.CallerToken).ConfigureAwait(false);
            stream = new SseStream<T>(response, body, parser, this, attempt.Operation, attempt.CallerToken);
            if (!await stream.PeekAsync().ConfigureAwait(false))
            {
                throw stream.Truncated("any event");
            }

            if (firstEventError(stream) is { } error)
            {
                throw error;
            }

            return stream;
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                response.Dispose();
            }

            throw;
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

    private async Task<HttpResponseMessage> SendOnceAsync(Attempt attempt, MediaTypeWithQualityHeaderValue accept)
    {
        TransportLog.Sending(_logger, attempt.Request.Method.Method, attempt.Request.Uri.AbsolutePath, attempt.Number);
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
            // Our headers timeout, or the finite Timeout of an HttpClient the caller passed in.
            TimeSpan limit = headersTimeout.IsCancellationRequested ? Options.ResponseTimeout : _http.Timeout;
            throw Errors.Create(
                NexLLMErrorKind.Timeout,
                $"NexLLM {attempt.Operation} got no response headers within {limit.TotalSeconds:0.###} s (NexLLMClientOptions.ResponseTimeout).",
                transient: true,
                inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw Errors.Create(NexLLMErrorKind.Connection, $"NexLLM {attempt.Operation} could not reach the server: {ex.Message}", transient: true, inner: ex);
        }

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
        catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && !attempt.CallerToken.IsCancellationRequested))
        {
            // The status says enough; a body we cannot read adds nothing.
            return [];
        }
    }

    private NexLLMException? TranslateReadFailure(Exception ex, IdleTimeout idle, Attempt attempt, string? requestId) => ex switch
    {
        OperationCanceledException when idle.Elapsed => Errors.Create(
            NexLLMErrorKind.Timeout, $"NexLLM {attempt.Operation} response body stalled for longer than {idle.Duration.TotalSeconds:0.###} s (NexLLMClientOptions.StreamIdleTimeout).", transient: true, 200, requestId, inner: ex),
        IOException or HttpRequestException => Errors.Create(
            NexLLMErrorKind.Connection, $"NexLLM {attempt.Operation} response body was cut off: {ex.Message}", transient: true, 200, requestId, inner: ex),
        _ => null,
    };

    private HttpRequestMessage BuildMessage(TransportRequest request, MediaTypeWithQualityHeaderValue accept)
    {
        var message = new HttpRequestMessage(request.Method, request.Uri);
        HttpRequestHeaders headers = message.Headers;
        headers.UserAgent.Add(UserAgent);
        headers.Accept.Add(accept);
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

        if (!request.JsonBody.IsEmpty)
        {
            message.Content = new ReadOnlyMemoryContent(request.JsonBody) { Headers = { ContentType = JsonContentType } };
        }

        return message;
    }

    private static bool IsCredentialHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-goog-api-key", StringComparison.OrdinalIgnoreCase);

    private static HttpMessageHandler CreateHandler(NexLLMClientOptions options)
    {
        if (!SocketsHttpHandler.IsSupported)
        {
            return new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        }

        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };
    }

    private static ResiliencePipeline BuildRetryPipeline(NexLLMClientOptions options, ILogger logger)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Exception is NexLLMException { IsTransient: true } ex && !(ex.RetryAfter > RetryHints.MaxHonoured)),
                DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(
                    RetryDelay(args.AttemptNumber, (args.Outcome.Exception as NexLLMException)?.RetryAfter)),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is NexLLMException ex)
                    {
                        TransportLog.Retrying(logger, args.Context.Properties.GetValue(PathKey, "?"), (long)args.RetryDelay.TotalMilliseconds, ex.Kind, ex.StatusCode, ex.ErrorType, ex.RequestId);
                    }

                    return default;
                },
            })
            .Build();
    }

    /// <summary>The server's hint when it gave a usable one; else 0.5 s doubling up to 8 s, with jitter of ×0.75–1 (WIRE.md §13).</summary>
    internal static TimeSpan RetryDelay(int retryNumber, TimeSpan? hint)
    {
        if (hint is { } wait && wait > TimeSpan.Zero && wait <= RetryHints.MaxHonoured)
        {
            return wait;
        }

        double seconds = Math.Min(0.5 * Math.Pow(2, retryNumber), 8);
        return TimeSpan.FromSeconds(seconds * (0.75 + (0.25 * Random.Shared.NextDouble())));
    }

    /// <summary>The state of one logical request across its attempts.</summary>
    private sealed class Attempt(TransportRequest request, string operation, CancellationToken callerToken)
    {
        public TransportRequest Request { get; } = request;

        public string Operation { get; } = operation;

        public CancellationToken CallerToken { get; } = callerToken;

        public int Number { get; set; }
    }
}
