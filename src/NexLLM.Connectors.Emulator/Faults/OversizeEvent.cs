namespace NexLLM.Connectors.Emulator.Faults;

/// <summary>
/// The large event of an <see cref="EmulatorFaultKind.Oversize"/> fault: <c>{"padding":"xxx…"}</c> of an exact size, handed
/// out in 64 KiB pieces so that even a 100 MiB event is never held whole.
/// </summary>
internal static class OversizeEvent
{
    private const int PieceBytes = 64 * 1024;
    private static readonly byte[] Head = "{\"padding\":\""u8.ToArray();
    private static readonly byte[] Tail = "\"}"u8.ToArray();
    private static readonly byte[] Padding = CreatePadding();

    /// <summary>Writes the event's <paramref name="bytes"/> bytes through <paramref name="write"/> (a piece, and whether it is the last).</summary>
    /// <param name="bytes">The event's size; at least the head and tail (14 bytes).</param>
    /// <param name="write">Writes one piece; the flag is <see langword="true"/> for the last.</param>
    public static async Task WriteAsync(long bytes, Func<ReadOnlyMemory<byte>, bool, Task> write)
    {
        await write(Head, false).ConfigureAwait(false);
        long padding = bytes - Head.Length - Tail.Length;
        while (padding > 0)
        {
            int piece = (int)Math.Min(padding, PieceBytes);
            await write(Padding.AsMemory(0, piece), false).ConfigureAwait(false);
            padding -= piece;
        }

        await write(Tail, true).ConfigureAwait(false);
    }

    private static byte[] CreatePadding()
    {
        byte[] padding = new byte[PieceBytes];
        Array.Fill(padding, (byte)'x');
        return padding;
    }
}
