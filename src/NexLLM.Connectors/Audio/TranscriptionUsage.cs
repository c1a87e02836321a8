using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// A transcription's usage as M.E.AI's <see cref="UsageDetails"/>: tokens where the server counts tokens (input, output,
/// total; the input's audio and text tokens in <c>InputAudioTokenCount</c> and <c>InputTextTokenCount</c>, the audio ones
/// also under <see cref="NexLLMUsageCounts.AudioInputTokens"/>), and the billed duration where it counts seconds
/// (<see cref="NexLLMUsageCounts.AudioDurationMilliseconds"/>).
/// </summary>
internal static class TranscriptionUsage
{
    /// <summary>Maps the usage object, or returns <see langword="null"/> when there is none.</summary>
    public static UsageDetails? Map(TranscriptionUsageBody? usage)
    {
        if (usage is null)
        {
            return null;
        }

        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokens,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = usage.TotalTokens ?? (usage.InputTokens + usage.OutputTokens),
            InputAudioTokenCount = usage.InputTokenDetails?.AudioTokens,
            InputTextTokenCount = usage.InputTokenDetails?.TextTokens,
        };

        if (usage.InputTokenDetails?.AudioTokens is { } audio)
        {
            (details.AdditionalCounts ??= [])[NexLLMUsageCounts.AudioInputTokens] = audio;
        }

        if (usage.Seconds is { } seconds && double.IsFinite(seconds) && seconds >= 0)
        {
            (details.AdditionalCounts ??= [])[NexLLMUsageCounts.AudioDurationMilliseconds] = (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
        }

        return details;
    }
}
