namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// How the emulator cuts an audio answer for delivery: at least four pieces when the body is 4 KiB or more, each
/// between 1 KiB and 16 KiB (about a third of a second of PCM). A raw answer writes them with a flush each; an SSE
/// answer sends one <c>speech.audio.delta</c> per piece.
/// </summary>
internal static class AudioChunks
{
    public const int Smallest = 1024;

    public const int Largest = 16 * 1024;

    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(byte[] body)
    {
        int size = Math.Clamp((body.Length + 3) / 4, Smallest, Largest);
        var chunks = new List<ReadOnlyMemory<byte>>();
        for (int start = 0; start < body.Length; start += size)
        {
            chunks.Add(body.AsMemory(start, Math.Min(size, body.Length - start)));
        }

        return chunks;
    }
}
