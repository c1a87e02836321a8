using System.Text;
using System.Threading.Channels;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// A response body the test scripts step by step: byte chunks, a stall (until the reader's token is cancelled), a failure
/// (for example an <see cref="IOException"/> mid-body), or the end. Steps may be queued up front or pushed while a reader
/// waits, so a test can prove that something happened before the next bytes were even sent.
/// </summary>
public sealed class ScriptedStream : ReadOnlyStream
{
    private readonly Channel<Step> _steps = Channel.CreateUnbounded<Step>();
    private readonly SemaphoreSlim _waiting = new(0);
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _maxReadSize;
    private ReadOnlyMemory<byte> _current;
    private long _bytesRead;

    /// <param name="maxReadSize">The most bytes one read returns (1 delivers one byte per read).</param>
    public ScriptedStream(int maxReadSize = int.MaxValue)
    {
        _maxReadSize = maxReadSize;
    }

    /// <summary>Gets the number of bytes handed to readers so far.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public bool IsDisposed => _disposed.Task.IsCompleted;

    /// <summary>Gets a task that completes when the stream is disposed.</summary>
    public Task Disposal => _disposed.Task;

    /// <summary>A complete body: the bytes, then the end.</summary>
    public static ScriptedStream Of(byte[] bytes, int maxReadSize = int.MaxValue) => new ScriptedStream(maxReadSize).Then(bytes).End();

    /// <summary>A complete body delivered in the given chunks, one chunk per read at most.</summary>
    public static ScriptedStream OfChunks(IEnumerable<byte[]> chunks)
    {
        var stream = new ScriptedStream();
        foreach (byte[] chunk in chunks)
        {
            stream.Then(chunk);
        }

        return stream.End();
    }

    public ScriptedStream Then(byte[] bytes) => Push(new Step(bytes, null, false));

    public ScriptedStream Then(string text) => Then(Encoding.UTF8.GetBytes(text));

    /// <summary>Makes the next read throw (after the bytes queued before it).</summary>
    public ScriptedStream ThenFail(Exception exception) => Push(new Step(null, exception, false));

    /// <summary>Makes the next read wait until its cancellation token is cancelled.</summary>
    public ScriptedStream ThenStall() => Push(new Step(null, null, true));

    public ScriptedStream End()
    {
        _steps.Writer.TryComplete();
        return this;
    }

    /// <summary>Waits until a reader is blocked: waiting for the next step, or stalled.</summary>
    public async Task WaitForBlockedReadAsync()
    {
        if (!await _waiting.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            throw new TimeoutException("No read blocked on the scripted stream within 5 s.");
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (!_current.IsEmpty)
            {
                int count = Math.Min(Math.Min(buffer.Length, _current.Length), _maxReadSize);
                _current[..count].CopyTo(buffer);
                _current = _current[count..];
                Interlocked.Add(ref _bytesRead, count);
                return count;
            }

            if (!_steps.Reader.TryRead(out Step? step))
            {
                if (_steps.Reader.Completion.IsCompleted)
                {
                    return 0;
                }

                _waiting.Release();
                try
                {
                    step = await _steps.Reader.ReadAsync(cancellationToken);
                }
                catch (ChannelClosedException)
                {
                    return 0;
                }
            }

            if (step.Failure is { } failure)
            {
                throw failure;
            }

            if (step.Stall)
            {
                _waiting.Release();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            _current = step.Bytes ?? ReadOnlyMemory<byte>.Empty;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _steps.Writer.TryComplete();
            _disposed.TrySetResult();
        }

        base.Dispose(disposing);
    }

    private ScriptedStream Push(Step step)
    {
        if (!_steps.Writer.TryWrite(step))
        {
            throw new InvalidOperationException("The scripted stream has already ended.");
        }

        return this;
    }

    private sealed record Step(byte[]? Bytes, Exception? Failure, bool Stall);
}
