namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// A huge body generated on the fly: a prefix, then one filler byte repeated up to <c>length</c> bytes. It allocates
/// nothing per read, so a test can measure what the client itself allocates while reading it, and count what it read.
/// </summary>
public sealed class GeneratedStream(byte[] prefix, long length, byte filler) : ReadOnlyStream
{
    private long _position;

    public long BytesRead => Interlocked.Read(ref _position);

    public bool IsDisposed { get; private set; }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        long position = _position;
        int count = (int)Math.Min(buffer.Length, length - position);
        if (count <= 0)
        {
            return 0;
        }

        int fromPrefix = (int)Math.Clamp(prefix.Length - position, 0, count);
        prefix.AsSpan((int)Math.Min(position, prefix.Length), fromPrefix).CopyTo(buffer);
        buffer[fromPrefix..count].Fill(filler);

        _position = position + count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
