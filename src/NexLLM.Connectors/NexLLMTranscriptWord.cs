using Microsoft.Extensions.AI;

namespace NexLLM.Connectors;

/// <summary>
/// A timed word of a transcript (<c>verbose_json</c> with <see cref="NexLLMTimestampGranularities.Word"/>). It is not a
/// <see cref="TextContent"/>, so a response's <c>Text</c> stays the transcript itself and does not repeat it.
/// </summary>
/// <remarks>
/// To serialize responses that hold it with M.E.AI's JSON options, register it once:
/// <c>AIJsonUtilities.AddAIContentType&lt;NexLLMTranscriptWord&gt;(options, "nexllm.word")</c>.
/// </remarks>
public sealed class NexLLMTranscriptWord : AIContent
{
    /// <summary>Initializes a new instance of the <see cref="NexLLMTranscriptWord"/> class.</summary>
    /// <param name="text">The word.</param>
    /// <param name="startTime">When the word starts, from the start of the audio.</param>
    /// <param name="endTime">When the word ends, from the start of the audio.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public NexLLMTranscriptWord(string text, TimeSpan startTime, TimeSpan endTime)
    {
        Text = Throw.IfNull(text);
        StartTime = startTime;
        EndTime = endTime;
    }

    /// <summary>Gets the word.</summary>
    public string Text { get; }

    /// <summary>Gets when the word starts, from the start of the audio.</summary>
    public TimeSpan StartTime { get; }

    /// <summary>Gets when the word ends, from the start of the audio.</summary>
    public TimeSpan EndTime { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
