namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// A speech <c>response_format</c> the emulator writes, with the <c>Content-Type</c> it answers (OpenAI's media types
/// for these formats; docs/protocols/audio.md#speech). Opus and AAC have no entry: the emulator has no encoder for them
/// and refuses them rather than send other bytes under their name.
/// </summary>
/// <param name="Name">The <c>response_format</c> value.</param>
/// <param name="ContentType">The media type of the answer.</param>
/// <param name="Encode">Writes the speech's file.</param>
internal sealed record SpeechFormat(string Name, string ContentType, Func<SpeechLayout, short[], byte[]> Encode)
{
    public static readonly SpeechFormat Mp3 = new("mp3", "audio/mpeg", (layout, _) => Mp3File.Write(layout));

    public static readonly IReadOnlyList<SpeechFormat> Written =
    [
        Mp3,
        new("flac", "audio/flac", (_, samples) => FlacFile.Write(samples)),
        new("wav", "audio/wav", (_, samples) => WavFile.Write(samples)),
        new("pcm", "audio/pcm", (_, samples) => PcmFile.Write(samples)),
    ];

    /// <summary>Every value OpenAI takes, in its order (speech_create_params.py).</summary>
    public static readonly string[] OpenAINames = ["mp3", "opus", "aac", "flac", "wav", "pcm"];

    public static SpeechFormat? Find(string name) => Written.FirstOrDefault(f => f.Name == name);
}
