using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NexLLM.Connectors.IntegrationTests.TestSupport;

/// <summary>
/// Records what the transport's <c>NexLLM.Connectors</c> activity source and meter report for one emulator: tests run in
/// parallel and the source and meter are process-wide, so only activities and measurements whose <c>server.port</c> is that
/// emulator's are kept.
/// </summary>
public sealed class TransportTelemetryRecorder : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private readonly int _port;

    public TransportTelemetryRecorder(Uri endpoint)
    {
        _port = endpoint.Port;
        _activities = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == NexLLMTelemetry.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("server.port") is int port && port == _port)
                {
                    Activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == NexLLMTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    /// <summary>Gets the stopped activities of the transport's source, in the order they stopped.</summary>
    public ConcurrentQueue<Activity> Activities { get; } = new();

    /// <summary>Gets every measurement of the transport's meter.</summary>
    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    /// <summary>The measurements of one instrument.</summary>
    public List<Measurement> Of(string instrument) => [.. Measurements.Where(m => m.Instrument == instrument)];

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        if (copy.TryGetValue("server.port", out object? port) && port is int value1 && value1 == _port)
        {
            Measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value, copy));
        }
    }

    /// <summary>One measurement: its instrument's name and unit, its value and its tags.</summary>
    public sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public object? this[string tag] => Tags.TryGetValue(tag, out object? value) ? value : null;
    }
}
