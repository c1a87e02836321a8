namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>A segment of a transcript: a sentence (or 30 seconds at most) of its words.</summary>
/// <param name="Id">Its index.</param>
/// <param name="Start">When its first word starts, in seconds.</param>
/// <param name="End">When its last word ends, in seconds.</param>
/// <param name="Text">Its words joined by spaces (no leading space: the writers add Whisper's).</param>
/// <param name="Words">Its words.</param>
internal sealed record TranscriptSegment(int Id, double Start, double End, string Text, IReadOnlyList<TimedWord> Words);
