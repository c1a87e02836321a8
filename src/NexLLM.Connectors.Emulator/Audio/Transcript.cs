namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>What the emulator hears in an audio file: the text, the audio's length and when each word is spoken.</summary>
/// <param name="Text">The text: the speech input exactly, when the file is the emulator's own speech.</param>
/// <param name="Duration">The audio's length in seconds.</param>
/// <param name="Words">The words in order, with their times.</param>
/// <param name="Decoded">Whether the text was decoded from the audio (otherwise it is the sentence naming the audio's length).</param>
internal sealed record Transcript(string Text, double Duration, IReadOnlyList<TimedWord> Words, bool Decoded);
