namespace NexLLM.Connectors;

/// <summary>
/// How a streamed speech answer arrives (<c>stream_format</c>, docs/protocols/audio.md#speech). Either way
/// <c>GetStreamingAudioAsync</c> yields the audio as it arrives; the models <c>tts-1</c> and <c>tts-1-hd</c> take only
/// <see cref="Audio"/>.
/// </summary>
public enum NexLLMSpeechStreamFormat
{
    /// <summary><c>audio</c>: the audio file's bytes, read chunk by chunk.</summary>
    Audio,

    /// <summary><c>sse</c>: server-sent events of base64 audio, ending with an event that carries the usage.</summary>
    Sse,
}
