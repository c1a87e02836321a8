namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>A word of a transcript and when it is spoken, in seconds from the start of the audio.</summary>
/// <param name="Word">The word, without surrounding whitespace.</param>
/// <param name="Start">When it starts.</param>
/// <param name="End">When it ends.</param>
internal readonly record struct TimedWord(string Word, double Start, double End);
