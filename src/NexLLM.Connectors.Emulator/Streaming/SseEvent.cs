namespace NexLLM.Connectors.Emulator.Streaming;

/// <summary>One server-sent event: an optional <c>event:</c> name and one <c>data:</c> line.</summary>
/// <param name="EventName">The <c>event:</c> name, or <see langword="null"/> for a bare <c>data:</c> event.</param>
/// <param name="Data">The data line.</param>
/// <param name="ExtraBlankLine">
/// Whether one more blank line follows the event (<c>data: …\n\n\n</c>), as new-api writes Claude pass-through events (docs/protocols/gateway.md#sse-framing).
/// </param>
internal readonly record struct SseEvent(string? EventName, string Data, bool ExtraBlankLine = false);
