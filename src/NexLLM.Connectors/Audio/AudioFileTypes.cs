using System.Net.Http.Headers;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// The audio containers a transcription takes (flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, wav, webm:
/// docs/protocols/audio.md#transcriptions-and-translations), by file extension, media type and first bytes. The server
/// tells the format by the upload's file name, so a name with the right extension matters more than its media type.
/// </summary>
internal static class AudioFileTypes
{
    private static readonly (string Extension, string MediaType)[] Types =
    [
        (".mp3", "audio/mpeg"),
        (".wav", "audio/wav"),
        (".flac", "audio/flac"),
        (".ogg", "audio/ogg"),
        (".webm", "audio/webm"),
        (".m4a", "audio/mp4"),
        (".mp4", "video/mp4"),
        (".mpeg", "audio/mpeg"),
        (".mpga", "audio/mpeg"),
        (".oga", "audio/ogg"),
    ];

    /// <summary>Other names of the same media types, as platforms and browsers write them.</summary>
    private static readonly (string Alias, string Extension)[] Aliases =
    [
        ("audio/mp3", ".mp3"),
        ("audio/x-wav", ".wav"),
        ("audio/wave", ".wav"),
        ("audio/vnd.wave", ".wav"),
        ("audio/x-flac", ".flac"),
        ("audio/x-m4a", ".m4a"),
        ("audio/m4a", ".m4a"),
        ("audio/opus", ".ogg"),
    ];

    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int SniffBytes = 12;

    /// <summary>The extension for a media type (<c>audio/wav</c> gives <c>.wav</c>), or <see langword="null"/>.</summary>
    public static string? ExtensionOf(string? mediaType)
    {
        if (string.IsNullOrEmpty(mediaType))
        {
            return null;
        }

        string bare = mediaType.Split(';')[0].Trim();
        foreach ((string extension, string type) in Types)
        {
            if (type.Equals(bare, StringComparison.OrdinalIgnoreCase))
            {
                return extension;
            }
        }

        foreach ((string alias, string extension) in Aliases)
        {
            if (alias.Equals(bare, StringComparison.OrdinalIgnoreCase))
            {
                return extension;
            }
        }

        return null;
    }

    /// <summary>Whether a text is one media type (<c>type/subtype</c>, parameters allowed) that can stand in a header: no line breaks.</summary>
    public static bool IsMediaType(string mediaType) =>
        mediaType.AsSpan().IndexOfAny('\r', '\n') < 0 && MediaTypeHeaderValue.TryParse(mediaType, out _);

    /// <summary>The media type of a file name's extension, or <see langword="null"/>.</summary>
    public static string? MediaTypeOf(string fileName)
    {
        string extension = Path.GetExtension(fileName);
        foreach ((string known, string type) in Types)
        {
            if (known.Equals(extension, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>The extension the audio's first bytes show (RIFF/WAVE, ID3 or an MPEG frame, fLaC, OggS, EBML, ftyp), or <see langword="null"/>.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return ".wav";
        }

        // An MPEG audio frame starts with 11 set bits; its layer bits are never 00, which marks AAC's ADTS frames instead.
        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0))
        {
            return ".mp3";
        }

        if (head.StartsWith("fLaC"u8))
        {
            return ".flac";
        }

        if (head.StartsWith("OggS"u8))
        {
            return ".ogg";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return ".webm";
        }

        return head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8) ? ".m4a" : null;
    }
}
