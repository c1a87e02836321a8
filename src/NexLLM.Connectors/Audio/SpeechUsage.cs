using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// The <c>usage</c> of a <c>speech.audio.done</c> event: <c>input_tokens</c>, <c>output_tokens</c>, <c>total_tokens</c>, and,
/// where the server reports them, the audio and text parts of each (<c>input_token_details</c>,
/// <c>output_token_details</c>, as OpenAI's audio usage has them; docs/protocols/audio.md).
/// </summary>
internal sealed class SpeechUsage
{
    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public long? TotalTokens { get; init; }

    public SpeechTokenDetails? InputTokenDetails { get; init; }

    public SpeechTokenDetails? OutputTokenDetails { get; init; }

    /// <summary>The usage in M.E.AI's terms; audio tokens also under <see cref="NexLLMUsageCounts"/> names, as every adapter reports them.</summary>
    public UsageDetails ToUsageDetails()
    {
        var usage = new UsageDetails
        {
            InputTokenCount = InputTokens,
            OutputTokenCount = OutputTokens,
            TotalTokenCount = TotalTokens ?? (InputTokens + OutputTokens),
            InputAudioTokenCount = InputTokenDetails?.AudioTokens,
            InputTextTokenCount = InputTokenDetails?.TextTokens,
            OutputAudioTokenCount = OutputTokenDetails?.AudioTokens,
            OutputTextTokenCount = OutputTokenDetails?.TextTokens,
        };

        if (InputTokenDetails?.AudioTokens is { } audioIn)
        {
            (usage.AdditionalCounts ??= [])[NexLLMUsageCounts.AudioInputTokens] = audioIn;
        }

        if (OutputTokenDetails?.AudioTokens is { } audioOut)
        {
            (usage.AdditionalCounts ??= [])[NexLLMUsageCounts.AudioOutputTokens] = audioOut;
        }

        return usage;
    }
}
