namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// The server event names and assistant content types of one protocol version. new-api dials OpenAI with
/// <c>openai-beta: realtime=v1</c>, so the gateway speaks the beta set (docs/protocols/realtime.md#connecting-through-the-gateway);
/// the generally available (GA) protocol renamed the content events and the item events
/// (openai-python <c>types/realtime/</c>: <c>response.output_text.delta</c>, <c>conversation.item.added</c> / <c>.done</c>).
/// </summary>
internal sealed class RealtimeDialect
{
    private RealtimeDialect(bool ga)
    {
        IsGa = ga;
        TextDelta = ga ? "response.output_text.delta" : "response.text.delta";
        TextDone = ga ? "response.output_text.done" : "response.text.done";
        AudioDelta = ga ? "response.output_audio.delta" : "response.audio.delta";
        AudioDone = ga ? "response.output_audio.done" : "response.audio.done";
        TranscriptDelta = ga ? "response.output_audio_transcript.delta" : "response.audio_transcript.delta";
        TranscriptDone = ga ? "response.output_audio_transcript.done" : "response.audio_transcript.done";
        TextPart = ga ? "output_text" : "text";
        AudioPart = ga ? "output_audio" : "audio";
    }

    /// <summary>Gets the beta protocol, the one the gateway relays.</summary>
    public static RealtimeDialect Beta { get; } = new(ga: false);

    /// <summary>Gets the GA protocol.</summary>
    public static RealtimeDialect Ga { get; } = new(ga: true);

    public bool IsGa { get; }

    public string TextDelta { get; }

    public string TextDone { get; }

    public string AudioDelta { get; }

    public string AudioDone { get; }

    public string TranscriptDelta { get; }

    public string TranscriptDone { get; }

    /// <summary>Gets the content part type of assistant text (<c>text</c> in beta, <c>output_text</c> in GA).</summary>
    public string TextPart { get; }

    /// <summary>Gets the content part type of assistant audio (<c>audio</c> in beta, <c>output_audio</c> in GA).</summary>
    public string AudioPart { get; }
}
