namespace NexLLM.Connectors.Emulator.Faults;

/// <summary>A parsed <c>X-NexLLM-Emulator-Fault</c> header.</summary>
/// <param name="Fault">The fault to apply.</param>
/// <param name="TrackingKey">The key that counts requests for <paramref name="Times"/>: the <c>id</c> parameter, else the whole header value.</param>
/// <param name="Times">How many requests with this key fault (later ones pass), or <see langword="null"/> for every request.</param>
internal sealed record FaultHeaderSpec(EmulatorFault Fault, string TrackingKey, int? Times);
