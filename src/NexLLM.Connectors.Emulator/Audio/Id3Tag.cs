using System.Buffers.Binary;
using System.Text;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// ID3v2 tags (https://id3.org/id3v2.4.0-structure), the metadata real mp3 files open with. The emulator's mp3 carries
/// its text in an <c>USLT</c> frame (the words of the recording) and its symbol length in a <c>TXXX</c> frame, so that
/// a transcription of it can rebuild the speech's layout; the reader takes v2.3 and v2.4 text frames.
/// </summary>
internal static class Id3Tag
{
    /// <summary>The <c>USLT</c> content descriptor and <c>TXXX</c> description prefix of the emulator's frames.</summary>
    public const string TextDescriptor = "nexllm";

    public const string SymbolSamplesDescription = "nexllm-symbol-samples";

    private const byte Utf8Encoding = 3;

    /// <summary>Writes a v2.4 tag: encoder, length, symbol length and text, all UTF-8.</summary>
    public static byte[] Write(string text, int symbolSamples, double duration)
    {
        using var frames = new MemoryStream();
        WriteFrame(frames, "TSSE", [Utf8Encoding, .. Encoding.UTF8.GetBytes("NexLLM emulator tone code")]);
        WriteFrame(frames, "TLEN", [Utf8Encoding, .. Encoding.ASCII.GetBytes(((long)Math.Round(duration * 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        WriteFrame(frames, "TXXX", [Utf8Encoding, .. Encoding.UTF8.GetBytes(SymbolSamplesDescription), 0, .. Encoding.ASCII.GetBytes(symbolSamples.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        WriteFrame(frames, "USLT", [Utf8Encoding, .. "eng"u8, .. Encoding.UTF8.GetBytes(TextDescriptor), 0, .. Encoding.UTF8.GetBytes(text)]);

        var tag = new byte[10 + frames.Length];
        "ID3"u8.CopyTo(tag);
        tag[3] = 4;
        WriteSynchsafe(tag.AsSpan(6), (int)frames.Length);
        frames.ToArray().CopyTo(tag, 10);
        return tag;
    }

    /// <summary>The length of the tag at the start of <paramref name="file"/> (0 when there is none).</summary>
    public static int Length(ReadOnlySpan<byte> file) =>
        file.Length >= 10 && file.StartsWith("ID3"u8) ? 10 + ReadSynchsafe(file[6..]) + ((file[5] & 0x10) != 0 ? 10 : 0) : 0;

    /// <summary>Reads the emulator's text and symbol length from a tag; false when either is missing.</summary>
    public static bool TryReadSpeech(ReadOnlySpan<byte> file, out string text, out int symbolSamples)
    {
        text = "";
        symbolSamples = 0;
        int end = Math.Min(Length(file), file.Length);
        if (end == 0 || file[3] is not (3 or 4))
        {
            return false;
        }

        bool v4 = file[3] == 4;
        int position = 10 + ((file[5] & 0x40) != 0 ? ExtendedHeaderLength(file[10..], v4) : 0);
        bool haveText = false;
        while (position + 10 <= end && file[position] != 0)
        {
            string id = Encoding.ASCII.GetString(file.Slice(position, 4));
            int size = v4 ? ReadSynchsafe(file[(position + 4)..]) : BinaryPrimitives.ReadInt32BigEndian(file[(position + 4)..]);
            if (size < 0 || position + 10 + size > end)
            {
                return false;
            }

            var body = file.Slice(position + 10, size);
            if (id == "USLT" && body.Length > 4 && ReadTerminated(body[4..], body[0], out string descriptor, out string lyrics) && descriptor == TextDescriptor)
            {
                (text, haveText) = (lyrics, true);
            }
            else if (id == "TXXX" && body.Length > 1 && ReadTerminated(body[1..], body[0], out string description, out string value) && description == SymbolSamplesDescription)
            {
                _ = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out symbolSamples);
            }

            position += 10 + size;
        }

        return haveText && symbolSamples >= ToneCode.MinimumSymbolSamples;
    }

    private static void WriteFrame(MemoryStream frames, string id, byte[] body)
    {
        frames.Write(Encoding.ASCII.GetBytes(id));
        Span<byte> header = stackalloc byte[6];
        WriteSynchsafe(header, body.Length);
        frames.Write(header);
        frames.Write(body);
    }

    private static void WriteSynchsafe(Span<byte> destination, int value)
    {
        for (int i = 0; i < 4; i++)
        {
            destination[i] = (byte)((value >> (7 * (3 - i))) & 0x7F);
        }
    }

    private static int ReadSynchsafe(ReadOnlySpan<byte> source) =>
        (source[0] << 21) | (source[1] << 14) | (source[2] << 7) | source[3];

    private static int ExtendedHeaderLength(ReadOnlySpan<byte> header, bool v4) =>
        v4 ? ReadSynchsafe(header) : BinaryPrimitives.ReadInt32BigEndian(header) + 4;

    /// <summary>Splits a frame body into its terminated first string and the rest (UTF-8 and Latin-1 only).</summary>
    private static bool ReadTerminated(ReadOnlySpan<byte> body, byte encoding, out string first, out string rest)
    {
        first = rest = "";
        if (encoding is not (0 or 3))
        {
            return false;
        }

        var decoder = encoding == 3 ? Encoding.UTF8 : Encoding.Latin1;
        int zero = body.IndexOf((byte)0);
        if (zero < 0)
        {
            return false;
        }

        first = decoder.GetString(body[..zero]);
        rest = decoder.GetString(body[(zero + 1)..]).TrimEnd('\0');
        return true;
    }
}
