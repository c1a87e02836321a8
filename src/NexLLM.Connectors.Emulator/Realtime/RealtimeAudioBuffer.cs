using System.Buffers;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// The input audio buffer (pcm16 24 kHz) with the emulator's voice activity detector: speech starts at the first sample
/// louder than <see cref="RealtimeAudio.SpeechAmplitude"/> and stops once the buffer has held the session's
/// <c>silence_duration_ms</c> of silence after the last loud sample (OpenAI's server VAD reports the same two moments:
/// <c>input_audio_buffer.speech_started {audio_start_ms}</c> and <c>speech_stopped {audio_end_ms}</c>).
/// </summary>
internal sealed class RealtimeAudioBuffer
{
    private readonly ArrayBufferWriter<byte> _audio = new();
    private int _scannedSamples;
    private int _firstLoud = -1;
    private int _lastLoud = -1;
    private int _reportedStart = -1;

    /// <summary>Gets the bytes buffered.</summary>
    public long Length => _audio.WrittenCount;

    /// <summary>Gets the item id the detected speech will be committed as (OpenAI names it in <c>speech_started</c>).</summary>
    public string? SpeechItemId { get; private set; }

    public void Append(ReadOnlySpan<byte> pcm)
    {
        _audio.Write(pcm);
        var bytes = _audio.WrittenSpan;
        if (RealtimeAudio.LoudSpan(bytes, _scannedSamples) is { } span)
        {
            _firstLoud = _firstLoud < 0 ? span.First : _firstLoud;
            _lastLoud = span.Last;
        }

        _scannedSamples = bytes.Length / 2;
    }

    /// <summary>Returns the start of speech in milliseconds the first time it is seen, else <see langword="null"/>.</summary>
    public int? TakeSpeechStart()
    {
        if (_firstLoud < 0 || _reportedStart >= 0)
        {
            return null;
        }

        _reportedStart = _firstLoud;
        SpeechItemId = RealtimeItem.NewId();
        return SampleMs(_firstLoud);
    }

    /// <summary>Returns the end of speech in milliseconds once enough silence follows it, else <see langword="null"/>.</summary>
    public int? TakeSpeechEnd(int silenceMs)
    {
        if (_reportedStart < 0 || SampleMs(_scannedSamples - 1 - _lastLoud) < silenceMs)
        {
            return null;
        }

        return SampleMs(_lastLoud + 1);
    }

    /// <summary>Takes the whole buffer and starts over.</summary>
    public byte[] Take()
    {
        byte[] audio = _audio.WrittenSpan.ToArray();
        Clear();
        return audio;
    }

    public void Clear()
    {
        _audio.ResetWrittenCount();
        _scannedSamples = 0;
        _firstLoud = -1;
        _lastLoud = -1;
        _reportedStart = -1;
        SpeechItemId = null;
    }

    private static int SampleMs(int samples) => RealtimeAudio.Milliseconds(2L * samples);
}
