using Microsoft.Extensions.AI;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>
/// The caller's upload stream failing is not the network failing (docs/protocols/audio.md#how-this-connector-uses-it):
/// over a real socket, where the HTTP handler wraps whatever the body's writer throws as a failure to send, the caller
/// gets the stream's own failure, after one attempt, never a retried "could not reach the server".
/// </summary>
public sealed class UploadSourceFailureTests : EmulatorTest
{
    [Fact]
    public async Task AStreamThatGrowsWhileItIsSent_IsAnArgumentException_AfterOneAttempt()
    {
        using var audio = new GrowingStream(Wav(48_000));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client.GetSpeechToTextClient("whisper-1").GetTextAsync(audio, Named, TestCancellation));

        Assert.Contains("grew while it was sent", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, audio.Rewinds);
    }

    [Fact]
    public async Task AStreamThatFailsWhileItIsRead_RaisesItsOwnException_AfterOneAttempt()
    {
        using var audio = new FailingStream(Wav(48_000));

        var ex = await Assert.ThrowsAsync<IOException>(() => Client.GetSpeechToTextClient("whisper-1").GetTextAsync(audio, Named, TestCancellation));

        Assert.Equal(FailingStream.Message, ex.Message);
        Assert.Equal(1, audio.Rewinds);
    }

    /// <summary>A canonical 24 kHz 16-bit mono WAV file of silence.</summary>
    private static byte[] Wav(int samples) => WavAudio.Write(new short[samples]);

    /// <summary>The upload's options: a named file, so that nothing is read ahead to tell its format.</summary>
    private static SpeechToTextOptions Named => new SpeechToTextOptions().WithAudioFileName("recording.wav");

    /// <summary>A seekable, growable stream that counts how often it is rewound to its start (once per attempt).</summary>
    private abstract class CountingStream : MemoryStream
    {
        protected CountingStream(byte[] data)
        {
            Write(data);
            base.Position = 0;
        }

        public int Rewinds { get; private set; }

        public override long Position
        {
            get => base.Position;
            set
            {
                Rewinds += value == 0 ? 1 : 0;
                base.Position = value;
            }
        }
    }

    /// <summary>A file still being written: every read after the first finds more than the length it first said.</summary>
    private sealed class GrowingStream(byte[] data) : CountingStream(data)
    {
        private int _reads;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (++_reads > 1)
            {
                // Appending keeps the bytes already sent and makes the stream longer than announced.
                long at = Position;
                Seek(0, SeekOrigin.End);
                Write(new byte[4096]);
                base.Position = at;
            }

            return base.ReadAsync(buffer, cancellationToken);
        }
    }

    /// <summary>A stream whose storage fails after its first read, as a file on a disconnected drive does.</summary>
    private sealed class FailingStream(byte[] data) : CountingStream(data)
    {
        public const string Message = "The drive holding the recording went away.";

        private int _reads;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ++_reads > 1 ? ValueTask.FromException<int>(new IOException(Message)) : base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
