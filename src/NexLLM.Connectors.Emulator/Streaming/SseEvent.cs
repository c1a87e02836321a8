namespace NexLLM.Connectors.Emulator.Streaming;

/// <summary>One server-sent event: an optional <c>event:</c> name and one <c>data:</c> line.</summary>
internal readonly record struct SseEvent(string? EventName, string Data);
