namespace NexLLM.Connectors.Emulator.Streaming;

/// <summary>A whole stream, rendered by a wire format before it is played.</summary>
/// <param name="Events">The events in order.</param>
/// <param name="FinishIndex">The index of the event that carries the finish reason: stream faults strike before it at the latest.</param>
/// <param name="DoneData">The data of the terminator event (<c>[DONE]</c> for OpenAI formats), or <see langword="null"/> when the format has none.</param>
/// <param name="ErrorEventName">The <c>event:</c> name of an in-stream error (<see langword="null"/> for OpenAI's bare <c>data:</c>).</param>
internal sealed record SseTranscript(IReadOnlyList<SseEvent> Events, int FinishIndex, string? DoneData, string? ErrorEventName);
