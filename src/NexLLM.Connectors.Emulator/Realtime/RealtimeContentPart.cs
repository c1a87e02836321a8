namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>One content part of a message item: text (<c>input_text</c>, <c>text</c> / <c>output_text</c>) or audio with its transcript.</summary>
/// <param name="Type">The wire type.</param>
/// <param name="Text">The text of a text part.</param>
/// <param name="Transcript">The transcript of an audio part as the wire shows it (<see langword="null"/> until known).</param>
/// <param name="Heard">What the emulator heard in an input audio part, for the chat engine, whether or not it was transcribed on the wire.</param>
internal sealed record RealtimeContentPart(string Type, string? Text, string? Transcript = null, string? Heard = null)
{
    /// <summary>Gets what the part says, for the chat engine.</summary>
    public string Said => Text ?? Transcript ?? Heard ?? "";
}
