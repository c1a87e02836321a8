namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// A write-only sink that counts what it is given and keeps none of it, as a socket does for a test that measures memory;
/// given <paramref name="failAfter"/>, it takes that many bytes and then fails, as a reset connection does.
/// </summary>
public sealed class CountingStream(long failAfter = long.MaxValue) : Stream
{
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _length = Math.Min(failAfter, _length + buffer.Length);
        if (_length == failAfter)
        {
            throw new IOException("Connection reset by peer.");
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return default;
    }
}
