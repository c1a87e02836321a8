using System.Globalization;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// What the emulator hears in an uploaded file (README "Audio"). The container is recognised by its bytes, not its
/// name: WAV and FLAC samples go through the <see cref="ToneDecoder"/>, an mp3's ID3 tag gives back the text and the
/// symbol length (its frames are silent). Audio that carries no tone code gets a deterministic sentence naming its
/// length, measured from its header (WAV, FLAC), its frames (mp3), or else its size at 128 kbit/s.
/// </summary>
internal static class AudioFileReader
{
    /// <summary>The bit rate assumed for formats the emulator does not measure (m4a, mp4, ogg, webm…): 16,000 bytes a second.</summary>
    public const int AssumedBytesPerSecond = 16_000;

    public static Transcript Read(ReadOnlyMemory<byte> file)
    {
        var bytes = file.Span;
        double duration;
        if (WavFile.TryRead(bytes, out duration, out short[]? wavSamples))
        {
            return (wavSamples is null ? null : ToneDecoder.TryDecode(wavSamples)) ?? Undecoded(duration);
        }

        if (FlacFile.TryRead(bytes, out duration, out short[]? flacSamples))
        {
            return (flacSamples is null ? null : ToneDecoder.TryDecode(flacSamples)) ?? Undecoded(duration);
        }

        if (Mp3File.IsMp3(bytes))
        {
            if (Id3Tag.TryReadSpeech(bytes, out string text, out int symbolSamples) && text.Length > 0)
            {
                return SpeechLayout.Of(text, symbolSamples).ToTranscript();
            }

            duration = Mp3File.Duration(bytes);
            return Undecoded(duration > 0 ? duration : (double)bytes.Length / AssumedBytesPerSecond);
        }

        return Undecoded((double)bytes.Length / AssumedBytesPerSecond);
    }

    /// <summary>
    /// The transcript of audio without the tone code: "This recording is 3.2 seconds long.", its words spread evenly
    /// over the audio.
    /// </summary>
    public static Transcript Undecoded(double duration)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"This recording is {duration:0.0} seconds long.");
        string[] words = text.Split(' ');
        double step = duration / words.Length;
        return new Transcript(text, duration, [.. words.Select((w, i) => new TimedWord(w, i * step, (i + 1) * step))], Decoded: false);
    }
}
