using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors;

/// <summary>
/// A decorator that records rerank calls as OpenTelemetry traces and metrics, following the Semantic Conventions for
/// Generative AI (<see href="https://opentelemetry.io/docs/specs/semconv/gen-ai/"/>) with <c>gen_ai.operation.name</c> =
/// <c>rerank</c>: one <see cref="ActivityKind.Client"/> activity per call, the <c>gen_ai.client.operation.duration</c>
/// and <c>gen_ai.client.token.usage</c> histograms.
/// </summary>
/// <remarks>
/// The default source name is Microsoft.Extensions.AI's, <c>Experimental.Microsoft.Extensions.AI</c>, so that an
/// application that listens to M.E.AI's chat and embedding telemetry sees rerank calls in the same traces. The
/// conventions are experimental; so is this telemetry.
/// </remarks>
public sealed partial class OpenTelemetryRerankClient : DelegatingRerankClient
{
    private const string DefaultSourceName = "Experimental.Microsoft.Extensions.AI";
    private const string OperationName = "rerank";

    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly int[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    private readonly ActivitySource _activitySource;
    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Histogram<int> _tokenUsage;
    private readonly ILogger? _logger;
    private readonly string? _providerName;
    private readonly string? _defaultModelId;
    private readonly string? _serverAddress;
    private readonly int _serverPort;

    /// <summary>Initializes a new instance of the <see cref="OpenTelemetryRerankClient"/> class.</summary>
    /// <param name="innerClient">The client calls are passed to.</param>
    /// <param name="logger">A logger for failures, or <see langword="null"/>.</param>
    /// <param name="sourceName">The <see cref="ActivitySource"/> and <see cref="Meter"/> name; <see langword="null"/> for <c>Experimental.Microsoft.Extensions.AI</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    public OpenTelemetryRerankClient(IRerankClient innerClient, ILogger? logger = null, string? sourceName = null)
        : base(innerClient)
    {
        _logger = logger;
        if (innerClient.GetService<RerankClientMetadata>() is { } metadata)
        {
            _providerName = metadata.ProviderName;
            _defaultModelId = metadata.DefaultModelId;
            _serverAddress = metadata.ProviderUri?.Host;
            _serverPort = metadata.ProviderUri?.Port ?? 0;
        }

        string name = string.IsNullOrEmpty(sourceName) ? DefaultSourceName : sourceName;
        _activitySource = new ActivitySource(name);
        _meter = new Meter(name);
        _duration = _meter.CreateHistogram<double>(
            "gen_ai.client.operation.duration",
            "s",
            "Measures the duration of a GenAI operation.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _tokenUsage = _meter.CreateHistogram<int>(
            "gen_ai.client.token.usage",
            "{token}",
            "Measures number of input and output tokens used.",
            tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = TokenBuckets });
    }

    /// <summary>
    /// Gets or sets whether telemetry may hold sensitive data: the options' and the response's
    /// <c>AdditionalProperties</c> as tags. Default: <see langword="false"/>, unless the
    /// <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c> environment variable is <c>true</c>.
    /// </summary>
    public bool EnableSensitiveData { get; set; } =
        string.Equals(Environment.GetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"), "true", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ActivitySource) ? _activitySource : base.GetService(serviceType, serviceKey);

    /// <inheritdoc />
    public override async Task<RerankResponse> RerankAsync(
        string query, IEnumerable<string> documents, RerankOptions? options = null, CancellationToken cancellationToken = default)
    {
        string? model = options?.ModelId ?? _defaultModelId;
        using Activity? activity = StartActivity(model, options);
        long started = _duration.Enabled ? Stopwatch.GetTimestamp() : 0;

        RerankResponse? response = null;
        Exception? error = null;
        try
        {
            response = await base.RerankAsync(query, documents, options, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            Record(activity, model, response, error, started);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _activitySource.Dispose();
            _meter.Dispose();
        }

        base.Dispose(disposing);
    }

    private Activity? StartActivity(string? model, RerankOptions? options)
    {
        if (!_activitySource.HasListeners())
        {
            return null;
        }

        Activity? activity = _activitySource.StartActivity(
            string.IsNullOrWhiteSpace(model) ? OperationName : $"{OperationName} {model}",
            ActivityKind.Client,
            default(ActivityContext),
            [
                new("gen_ai.operation.name", OperationName),
                new("gen_ai.request.model", model),
                new("gen_ai.provider.name", _providerName),

                // The name before semantic conventions 1.37, still read by many back ends.
                new("gen_ai.system", _providerName),
            ]);
        if (activity is null)
        {
            return null;
        }

        if (_serverAddress is not null)
        {
            activity.AddTag("server.address", _serverAddress).AddTag("server.port", _serverPort);
        }

        if (options?.TopN is { } topN)
        {
            activity.AddTag("gen_ai.request.top_n", topN);
        }

        if (EnableSensitiveData && options?.AdditionalProperties is { } properties)
        {
            foreach (KeyValuePair<string, object?> property in properties)
            {
                activity.AddTag(property.Key, property.Value);
            }
        }

        return activity;
    }

    private void Record(Activity? activity, string? requestModel, RerankResponse? response, Exception? error, long started)
    {
        string? responseModel = response?.ModelId;
        int? inputTokens = response?.Usage?.InputTokenCount is { } input ? (int)Math.Min(input, int.MaxValue) : null;

        if (_duration.Enabled && started != 0)
        {
            TagList tags = MetricTags(requestModel, responseModel);
            if (error is not null)
            {
                tags.Add("error.type", error.GetType().FullName);
            }

            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }

        if (_tokenUsage.Enabled && inputTokens is { } tokens)
        {
            TagList tags = MetricTags(requestModel, responseModel);
            tags.Add("gen_ai.token.type", "input");
            _tokenUsage.Record(tokens, tags);
        }

        if (activity is null)
        {
            return;
        }

        if (error is not null)
        {
            activity.AddTag("error.type", error.GetType().FullName).SetStatus(ActivityStatusCode.Error, error.Message);
            if (_logger is not null)
            {
                LogOperationException(_logger, error);
            }
        }

        if (responseModel is not null)
        {
            activity.AddTag("gen_ai.response.model", responseModel);
        }

        if (inputTokens is not null)
        {
            activity.AddTag("gen_ai.usage.input_tokens", inputTokens);
        }

        if (EnableSensitiveData && response?.AdditionalProperties is { } properties)
        {
            foreach (KeyValuePair<string, object?> property in properties)
            {
                activity.AddTag(property.Key, property.Value);
            }
        }
    }

    private TagList MetricTags(string? requestModel, string? responseModel)
    {
        TagList tags = default;
        tags.Add("gen_ai.operation.name", OperationName);
        tags.Add("gen_ai.provider.name", _providerName);
        if (requestModel is not null)
        {
            tags.Add("gen_ai.request.model", requestModel);
        }

        if (_serverAddress is not null)
        {
            tags.Add("server.address", _serverAddress);
            tags.Add("server.port", _serverPort);
        }

        if (responseModel is not null)
        {
            tags.Add("gen_ai.response.model", responseModel);
        }

        return tags;
    }

    [LoggerMessage(EventName = "gen_ai.client.operation.exception", Level = LogLevel.Warning, Message = "A GenAI client operation exception occurred.")]
    private static partial void LogOperationException(ILogger logger, Exception error);
}
