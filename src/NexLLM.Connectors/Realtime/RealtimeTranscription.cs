namespace NexLLM.Connectors.Realtime;

/// <summary>The session's <c>input_audio_transcription</c>: transcribe what the user says with this model.</summary>
internal sealed class RealtimeTranscription
{
    public string? Model { get; init; }

    public string? Language { get; init; }

    public string? Prompt { get; init; }
}
