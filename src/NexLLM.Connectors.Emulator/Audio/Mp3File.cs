namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// mp3 files: the emulator writes an <see cref="Id3Tag"/> followed by silent MPEG-1 Layer III frames (48 kHz, mono,
/// 32 kbit/s: 96 bytes and 24 ms each, side information all zeros, which every decoder plays as silence) covering the
/// speech's length. The reader walks MPEG-1/2/2.5 Layer III frame headers to measure any mp3.
/// </summary>
internal static class Mp3File
{
    /// <summary>The header of the emulator's frames: sync, MPEG-1, Layer III, no CRC; 32 kbit/s, 48 kHz; mono.</summary>
    public static readonly byte[] FrameHeader = [0xFF, 0xFB, 0x14, 0xC0];

    public const int FrameLength = 96;

    /// <summary>Samples per frame (1,152 at 48 kHz) expressed at the speech's 24 kHz.</summary>
    public const int ToneSamplesPerFrame = 576;

    private static readonly int[] Mpeg1Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Mpeg1Rates = [44_100, 48_000, 32_000];

    public static byte[] Write(SpeechLayout layout)
    {
        byte[] tag = Id3Tag.Write(layout.Text, layout.SymbolSamples, layout.Duration);
        int frames = (layout.TotalSamples + ToneSamplesPerFrame - 1) / ToneSamplesPerFrame;
        var file = new byte[tag.Length + (frames * FrameLength)];
        tag.CopyTo(file, 0);
        for (int i = 0; i < frames; i++)
        {
            FrameHeader.CopyTo(file, tag.Length + (i * FrameLength));
        }

        return file;
    }

    /// <summary>Whether the bytes look like mp3: an ID3 tag or a Layer III frame header first.</summary>
    public static bool IsMp3(ReadOnlySpan<byte> file) => Id3Tag.Length(file) > 0 || TryReadFrame(file, out _, out _);

    /// <summary>The length of the audio in the frames that follow the tag (stops at the first byte that is not a frame).</summary>
    public static double Duration(ReadOnlySpan<byte> file)
    {
        int position = Math.Min(Id3Tag.Length(file), file.Length);
        double seconds = 0;
        while (TryReadFrame(file[position..], out int length, out double frameSeconds))
        {
            seconds += frameSeconds;
            position += length;
        }

        return seconds;
    }

    private static bool TryReadFrame(ReadOnlySpan<byte> data, out int length, out double seconds)
    {
        length = 0;
        seconds = 0;
        if (data.Length < 4 || data[0] != 0xFF || (data[1] & 0xE0) != 0xE0 || ((data[1] >> 1) & 3) != 1)
        {
            return false;
        }

        int version = (data[1] >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
        int bitrateIndex = data[2] >> 4;
        int rateIndex = (data[2] >> 2) & 3;
        if (version == 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return false;
        }

        int rate = Mpeg1Rates[rateIndex] / (version == 3 ? 1 : version == 2 ? 2 : 4);
        int bitrate = (version == 3 ? Mpeg1Bitrates : Mpeg2Bitrates)[bitrateIndex] * 1000;
        int samples = version == 3 ? 1152 : 576;
        length = (samples / 8 * bitrate / rate) + ((data[2] >> 1) & 1);
        seconds = (double)samples / rate;
        return length > 4 && length <= data.Length;
    }
}
