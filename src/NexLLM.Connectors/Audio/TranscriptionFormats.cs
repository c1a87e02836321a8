namespace NexLLM.Connectors.Audio;

/// <summary>The wire words of <c>response_format</c> (docs/protocols/audio.md#transcriptions-and-translations) and how each is read.</summary>
internal static class TranscriptionFormats
{
    public const string Json = "json";
    public const string VerboseJson = "verbose_json";
    public const string Text = "text";
    public const string Srt = "srt";
    public const string Vtt = "vtt";

    /// <summary>The word of a typed format.</summary>
    public static string WireName(NexLLMTranscriptionFormat format) => format switch
    {
        NexLLMTranscriptionFormat.VerboseJson => VerboseJson,
        NexLLMTranscriptionFormat.Text => Text,
        NexLLMTranscriptionFormat.Srt => Srt,
        NexLLMTranscriptionFormat.Vtt => Vtt,
        _ => Json,
    };

    /// <summary>Whether the answer in this format is JSON (<c>json</c>, <c>verbose_json</c>, <c>diarized_json</c>), or plain text.</summary>
    public static bool IsJson(string format) => format.EndsWith(Json, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the answer in this format is subtitles, read into timed segments.</summary>
    public static bool IsSubtitles(string format) =>
        format.Equals(Srt, StringComparison.OrdinalIgnoreCase) || format.Equals(Vtt, StringComparison.OrdinalIgnoreCase);
}
