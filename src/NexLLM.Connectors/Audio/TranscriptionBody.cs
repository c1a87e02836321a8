using System.Text.Json;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// A transcription or translation answer in <c>json</c> or <c>verbose_json</c> (docs/protocols/audio.md#transcriptions-and-translations):
/// <c>json</c> has the text and usage; <c>verbose_json</c> adds the task, language, duration, segments and words.
/// </summary>
internal sealed class TranscriptionBody
{
    public string? Text { get; set; }

    public string? Task { get; set; }

    public string? Language { get; set; }

    /// <summary>Gets or sets the audio's length in seconds.</summary>
    public double? Duration { get; set; }

    public List<TranscriptionSegmentBody?>? Segments { get; set; }

    public List<TranscriptionWordBody?>? Words { get; set; }

    public TranscriptionUsageBody? Usage { get; set; }

    /// <summary>Gets or sets the tokens' log probabilities (<c>include[]=logprobs</c>), kept as the server wrote them.</summary>
    public JsonElement? Logprobs { get; set; }

    /// <summary>Gets or sets an error object, when a server answers an error with HTTP 200.</summary>
    public JsonElement? Error { get; set; }
}

/// <summary>A <c>verbose_json</c> segment; start and end are seconds from the start of the audio.</summary>
internal sealed class TranscriptionSegmentBody
{
    public int? Id { get; set; }

    public double Start { get; set; }

    public double End { get; set; }

    public string? Text { get; set; }

    public double? AvgLogprob { get; set; }

    public double? CompressionRatio { get; set; }

    public double? NoSpeechProb { get; set; }
}

/// <summary>A <c>verbose_json</c> word; start and end are seconds from the start of the audio.</summary>
internal sealed class TranscriptionWordBody
{
    public string? Word { get; set; }

    public double Start { get; set; }

    public double End { get; set; }
}

/// <summary>
/// A transcription's usage: <c>{"type":"tokens", input_tokens, output_tokens, total_tokens, input_token_details}</c>
/// (gpt-4o transcribe models) or <c>{"type":"duration", seconds}</c> (whisper-1).
/// </summary>
internal sealed class TranscriptionUsageBody
{
    public string? Type { get; set; }

    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    public long? TotalTokens { get; set; }

    public TranscriptionInputTokenDetails? InputTokenDetails { get; set; }

    public double? Seconds { get; set; }
}

/// <summary>How a transcription's input tokens split between audio and text (the prompt).</summary>
internal sealed class TranscriptionInputTokenDetails
{
    public long? AudioTokens { get; set; }

    public long? TextTokens { get; set; }
}

/// <summary>
/// An event of a streamed transcription: <c>transcript.text.delta {delta}</c>, then <c>transcript.text.done {text, usage}</c>
/// (docs/protocols/audio.md#transcriptions-and-translations); an <c>error</c> object when it fails.
/// </summary>
internal sealed class TranscriptionStreamEvent
{
    public string? Type { get; set; }

    public string? Delta { get; set; }

    public string? Text { get; set; }

    public TranscriptionUsageBody? Usage { get; set; }

    public JsonElement? Logprobs { get; set; }

    public JsonElement? Error { get; set; }
}
