using System.Diagnostics;
using System.Net.Http.Headers;

namespace NexLLM.Connectors.Http;

/// <summary>
/// What one attempt reports (docs/telemetry.md): its activity, its duration, the time to its first event or byte, and, when
/// it fails, its error. Created only while something listens (<see cref="TransportTelemetry.IsEnabled"/>); ends once.
/// Tags hold the method, the route template, the server, the status, the gateway's request id and our error kinds:
/// never a URL with its query or model, a header value, a key or content.
/// </summary>
internal sealed class AttemptTelemetry
{
    private readonly Activity? _activity;
    private readonly long _started;
    private readonly string _method;
    private readonly Uri _uri;
    private readonly string _template;
    private int? _status;
    private string? _errorType;
    private NexLLMException? _failure;
    private int _ended;

    private AttemptTelemetry(Activity? activity, string method, Uri uri, string template)
    {
        _activity = activity;
        _method = method;
        _uri = uri;
        _template = template;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts the telemetry of an attempt, or returns <see langword="null"/> (nothing allocated) when nobody listens.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The request URI (only its host, port and route are reported).</param>
    /// <param name="template">The route template, or <see langword="null"/> to derive it from <paramref name="uri"/>.</param>
    /// <param name="number">The attempt's number, from 1.</param>
    /// <param name="previous">The failure that caused this attempt (a retry), if any.</param>
    public static AttemptTelemetry? Start(string method, Uri uri, string? template, int number, Exception? previous)
    {
        if (!TransportTelemetry.IsEnabled)
        {
            return null;
        }

        template ??= TransportTelemetry.TemplateOf(uri);
        string? retryReason = number > 1 && previous is not null ? TransportTelemetry.ErrorTypeOf(previous) : null;
        if (TransportTelemetry.Attempts.Enabled || (retryReason is not null && TransportTelemetry.Retries.Enabled))
        {
            TagList tags = TransportTelemetry.BaseTags(method, uri, template);
            TransportTelemetry.Attempts.Add(1, tags);
            if (retryReason is not null)
            {
                tags.Add(TransportTelemetry.ErrorType, retryReason);
                if ((previous as NexLLMException)?.StatusCode is { } previousStatus)
                {
                    tags.Add(TransportTelemetry.StatusCode, TransportTelemetry.Box(previousStatus));
                }

                TransportTelemetry.Retries.Add(1, tags);
            }
        }

        // Null unless a listener samples it: then the name and tags are built, and never otherwise.
        Activity? activity = TransportTelemetry.Source.HasListeners()
            ? TransportTelemetry.Source.StartActivity(string.Concat(method, " ", template), ActivityKind.Client)
            : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TransportTelemetry.Method, method);
            activity.SetTag(TransportTelemetry.UrlTemplate, template);
            activity.SetTag(TransportTelemetry.ServerAddress, uri.Host);
            activity.SetTag(TransportTelemetry.ServerPort, TransportTelemetry.Box(uri.Port));
            if (number > 1)
            {
                activity.SetTag(TransportTelemetry.ResendCount, TransportTelemetry.Box(number - 1));
                activity.SetTag(TransportTelemetry.RetryReason, retryReason);
            }
        }

        return new AttemptTelemetry(activity, method, uri, template);
    }

    /// <summary>Gets whether the activity records tags: only then is the request id worth reading from the headers.</summary>
    public bool RecordsTags => _activity is { IsAllDataRequested: true };

    /// <summary>Records the response's status, and the gateway's request id on the activity.</summary>
    public void OnResponse(int status, HttpResponseHeaders headers) => OnResponse(status, RecordsTags ? RequestIds.From(headers) : null);

    /// <summary>Records the response's status, and the gateway's request id on the activity.</summary>
    public void OnResponse(int status, string? requestId)
    {
        _status = status;
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(TransportTelemetry.StatusCode, TransportTelemetry.Box(status));
            if (requestId is not null)
            {
                activity.SetTag(TransportTelemetry.RequestId, requestId);
            }
        }
    }

    /// <summary>Records the first server-sent event of a stream.</summary>
    public void OnFirstEvent() => RecordSince(TransportTelemetry.TimeToFirstEvent, "nexllm.first_event");

    /// <summary>Records the first body bytes of a streamed body.</summary>
    public void OnFirstByte() => RecordSince(TransportTelemetry.TimeToFirstByte, "nexllm.first_byte");

    /// <summary>Records why the attempt failed (the last failure wins); the attempt goes on until <see cref="End"/>.</summary>
    public void OnFailure(Exception ex)
    {
        _errorType = TransportTelemetry.ErrorTypeOf(ex);
        _failure = ex as NexLLMException;
        if (_failure is { StatusCode: { } status } && _status is null)
        {
            _status = status;
        }
    }

    /// <summary>Ends the attempt: stops the activity and records its duration (once; later calls do nothing).</summary>
    /// <param name="countFailure">Whether a failure recorded is final, what the caller receives (a stream already handed over).</param>
    public void End(bool countFailure = false)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        if (_activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                if (_status is { } status)
                {
                    activity.SetTag(TransportTelemetry.StatusCode, TransportTelemetry.Box(status));
                }

                if (_failure?.RequestId is { } requestId)
                {
                    activity.SetTag(TransportTelemetry.RequestId, requestId);
                }

                if (_errorType is not null)
                {
                    activity.SetTag(TransportTelemetry.ErrorType, _errorType);
                }
            }

            if (_errorType is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, _errorType);
            }

            // A stream ends where its reader disposes it, under the reader's own current activity: keep that one current.
            Activity? current = Activity.Current;
            activity.Stop();
            if (current != activity)
            {
                Activity.Current = current;
            }
        }

        if (TransportTelemetry.AttemptDuration.Enabled)
        {
            TagList tags = TransportTelemetry.BaseTags(_method, _uri, _template);
            if (_status is { } status)
            {
                tags.Add(TransportTelemetry.StatusCode, TransportTelemetry.Box(status));
            }

            if (_errorType is not null)
            {
                tags.Add(TransportTelemetry.ErrorType, _errorType);
            }

            TransportTelemetry.AttemptDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }

        if (countFailure && _failure is { } failure)
        {
            TransportTelemetry.CountFailure(_method, _uri, _template, failure);
        }
    }

    private void RecordSince(System.Diagnostics.Metrics.Histogram<double> histogram, string eventName)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(_started);
        if (histogram.Enabled)
        {
            histogram.Record(elapsed.TotalSeconds, TransportTelemetry.BaseTags(_method, _uri, _template));
        }

        _activity?.AddEvent(new ActivityEvent(eventName));
    }
}
