namespace NexLLM.Connectors.Emulator;

/// <summary>A function call in a scripted <see cref="EmulatorReply"/>.</summary>
/// <param name="Name">The function name, sent as <c>function.name</c>.</param>
/// <param name="ArgumentsJson">
/// The arguments exactly as they travel on the wire (a JSON text, or <c>""</c> for a call without arguments).
/// They are sent verbatim, even when they are not valid JSON, so tests can script broken calls.
/// </param>
/// <param name="Id">The call id; <see langword="null"/> lets the emulator make one up (<c>call_…</c>).</param>
public sealed record EmulatorToolCall(string Name, string ArgumentsJson, string? Id = null);
