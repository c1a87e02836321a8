using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NexLLM.Connectors.Http;

/// <summary>
/// The transport's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <see cref="NexLLMTelemetry.ActivitySourceName"/>
/// (docs/telemetry.md). Attribute names follow the OpenTelemetry HTTP client conventions; instrument names are in our own
/// <c>nexllm.client.</c> namespace, since <c>http.client.request.duration</c> is already reported by HttpClient's own
/// <c>System.Net.Http</c> meter for every physical request, ours included, and a second series under that name would be
/// summed with it. Nothing here is created per call unless someone listens (<see cref="IsEnabled"/>).
/// </summary>
internal static class TransportTelemetry
{
    public const string Method = "http.request.method";
    public const string UrlTemplate = "url.template";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string StatusCode = "http.response.status_code";
    public const string ResendCount = "http.request.resend_count";
    public const string ErrorType = "error.type";
    public const string RequestId = "nexllm.request_id";
    public const string RetryReason = "nexllm.retry_reason";

    /// <summary>The <c>error.type</c> of an attempt the caller cancelled (the exception's type, as the conventions ask for errors that are not ours).</summary>
    public const string Canceled = "System.OperationCanceledException";

    private static readonly string? Version = typeof(TransportTelemetry).Assembly.GetName().Version?.ToString(3);

    public static readonly ActivitySource Source = new(NexLLMTelemetry.ActivitySourceName, Version);

    public static readonly Meter Meter = new(NexLLMTelemetry.MeterName, Version);

    /// <summary>Every attempt, from its first byte sent to its body read in full (a stream: to its end), and the WebSocket handshake.</summary>
    public static readonly Histogram<double> AttemptDuration = CreateDurationHistogram(
        "nexllm.client.attempt.duration",
        "Duration of one HTTP attempt to the NexLLM gateway, from sending it to the end of its body (of its stream), or of a WebSocket handshake.",
        [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92, 163.84, 327.68]);

    /// <summary>Attempts started (the first try of a call and every retry; a WebSocket handshake).</summary>
    public static readonly Counter<long> Attempts = Meter.CreateCounter<long>(
        "nexllm.client.attempts", "{attempt}", "HTTP attempts started (first tries, retries and WebSocket handshakes).");

    /// <summary>Retries, by the <c>error.type</c> of the attempt that failed before them.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "nexllm.client.retries", "{retry}", "Attempts that repeat a failed one, by the error.type of the failure.");

    /// <summary>Calls that failed: what the caller received, after every retry (or after the stream was handed over).</summary>
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "nexllm.client.failures", "{failure}", "Calls that ended with a NexLLMException, by its kind (error.type).");

    /// <summary>From the start of a streamed attempt to its first server-sent event.</summary>
    public static readonly Histogram<double> TimeToFirstEvent = CreateDurationHistogram(
        "nexllm.client.time_to_first_event",
        "Time from the start of an event-stream attempt to its first server-sent event.",
        [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60]);

    /// <summary>From the start of an attempt whose body is read as it arrives (audio) to its first body bytes.</summary>
    public static readonly Histogram<double> TimeToFirstByte = CreateDurationHistogram(
        "nexllm.client.time_to_first_byte",
        "Time from the start of a streamed-body attempt (audio) to the first bytes of its body.",
        [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60]);

    private static readonly object?[] SmallInts = new object?[1024];

    /// <summary>Gets whether anything listens: when not, an attempt costs a handful of field reads and nothing is allocated.</summary>
    public static bool IsEnabled =>
        Source.HasListeners() || AttemptDuration.Enabled || Attempts.Enabled || Retries.Enabled || Failures.Enabled || TimeToFirstEvent.Enabled || TimeToFirstByte.Enabled;

    /// <summary>The name of a failure's kind, or of an exception that is not ours (its type, per the conventions).</summary>
    public static string ErrorTypeOf(Exception ex) => ex switch
    {
        NexLLMException nexllm => KindName(nexllm.Kind),
        OperationCanceledException => Canceled,
        _ => ex.GetType().FullName ?? "_OTHER",
    };

    /// <summary><see cref="NexLLMErrorKind"/> names without <see cref="Enum.ToString()"/>'s allocation.</summary>
    public static string KindName(NexLLMErrorKind kind) => kind switch
    {
        NexLLMErrorKind.HttpStatus => nameof(NexLLMErrorKind.HttpStatus),
        NexLLMErrorKind.InStreamError => nameof(NexLLMErrorKind.InStreamError),
        NexLLMErrorKind.TruncatedStream => nameof(NexLLMErrorKind.TruncatedStream),
        NexLLMErrorKind.InvalidResponse => nameof(NexLLMErrorKind.InvalidResponse),
        NexLLMErrorKind.Timeout => nameof(NexLLMErrorKind.Timeout),
        NexLLMErrorKind.Connection => nameof(NexLLMErrorKind.Connection),
        NexLLMErrorKind.ResponseTooLarge => nameof(NexLLMErrorKind.ResponseTooLarge),
        NexLLMErrorKind.Redirect => nameof(NexLLMErrorKind.Redirect),
        _ => "_OTHER",
    };

    /// <summary>A boxed int for a tag, shared for the small values tags hold (ports 80 and 443, statuses, resend counts).</summary>
    public static object Box(int value) =>
        (uint)value < (uint)SmallInts.Length ? SmallInts[value] ??= value : value;

    /// <summary>
    /// The route of a request without what varies per call: the path only (never the query), with the model of a
    /// <c>models/{model}</c> route replaced by its placeholder (<c>/v1beta/models/{model}:generateContent</c>).
    /// </summary>
    public static string TemplateOf(Uri uri)
    {
        string path = uri.AbsolutePath;
        int models = path.LastIndexOf("/models/", StringComparison.Ordinal);
        if (models < 0)
        {
            return path;
        }

        int start = models + "/models/".Length;
        int end = path.AsSpan(start).IndexOfAny('/', ':');
        return string.Concat(path.AsSpan(0, start), "{model}", end < 0 ? [] : path.AsSpan(start + end));
    }

    /// <summary>Counts a call that failed (what its caller received).</summary>
    public static void CountFailure(string method, Uri uri, string? template, NexLLMException ex)
    {
        if (!Failures.Enabled)
        {
            return;
        }

        TagList tags = BaseTags(method, uri, template ?? TemplateOf(uri));
        tags.Add(ErrorType, KindName(ex.Kind));
        if (ex.StatusCode is { } status)
        {
            tags.Add(StatusCode, Box(status));
        }

        Failures.Add(1, tags);
    }

    public static TagList BaseTags(string method, Uri uri, string template) => new()
    {
        { Method, method },
        { UrlTemplate, template },
        { ServerAddress, uri.Host },
        { ServerPort, Box(uri.Port) },
    };

    private static Histogram<double> CreateDurationHistogram(string name, string description, double[] buckets)
    {
#if NET9_0_OR_GREATER
        return Meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
#else
        // DiagnosticSource 8 takes no bucket advice: there the SDK's default boundaries apply (docs/telemetry.md).
        _ = buckets;
        return Meter.CreateHistogram<double>(name, "s", description);
#endif
    }
}
