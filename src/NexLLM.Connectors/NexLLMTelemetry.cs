namespace NexLLM.Connectors;

/// <summary>
/// The names under which the transport reports each HTTP attempt (docs/telemetry.md): pass them to
/// <c>AddSource</c> and <c>AddMeter</c> of an OpenTelemetry tracer and meter provider, or to an
/// <see cref="System.Diagnostics.ActivityListener"/> and a <see cref="System.Diagnostics.Metrics.MeterListener"/>.
/// </summary>
public static class NexLLMTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that creates one activity per HTTP attempt and WebSocket handshake.</summary>
    public const string ActivitySourceName = "NexLLM.Connectors";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> of the attempt, retry, failure and stream instruments.</summary>
    public const string MeterName = "NexLLM.Connectors";
}
