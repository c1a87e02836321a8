namespace NexLLM.Connectors;

/// <summary>
/// The <c>response_format</c> of a transcription or translation (docs/protocols/audio.md): what the server answers and
/// so how the answer is read. The gpt-4o transcribe models take only <see cref="Json"/> and <see cref="Text"/>.
/// </summary>
public enum NexLLMTranscriptionFormat
{
    /// <summary><c>json</c> (the server's default): the text and its usage.</summary>
    Json,

    /// <summary><c>verbose_json</c> (whisper-1): the text, language, duration and timed segments (and words when asked).</summary>
    VerboseJson,

    /// <summary><c>text</c>: the text alone, as a plain-text body.</summary>
    Text,

    /// <summary><c>srt</c>: SubRip subtitles, as a plain-text body; also read into timed segments.</summary>
    Srt,

    /// <summary><c>vtt</c>: WebVTT subtitles, as a plain-text body; also read into timed segments.</summary>
    Vtt,
}
