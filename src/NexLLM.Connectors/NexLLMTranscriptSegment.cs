using Microsoft.Extensions.AI;

namespace NexLLM.Connectors;

/// <summary>
/// A timed segment of a transcript: a <c>verbose_json</c> segment, or a cue of an <c>srt</c> or <c>vtt</c> answer. It is
/// not a <see cref="TextContent"/>, so a response's <c>Text</c> stays the transcript itself and does not repeat it.
/// </summary>
/// <remarks>
/// To serialize responses that hold it with M.E.AI's JSON options, register it once:
/// <c>AIJsonUtilities.AddAIContentType&lt;NexLLMTranscriptSegment&gt;(options, "nexllm.segment")</c>.
/// </remarks>
public sealed class NexLLMTranscriptSegment : AIContent
{
    /// <summary>Initializes a new instance of the <see cref="NexLLMTranscriptSegment"/> class.</summary>
    /// <param name="text">The segment's text.</param>
    /// <param name="startTime">When the segment starts, from the start of the audio.</param>
    /// <param name="endTime">When the segment ends, from the start of the audio.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public NexLLMTranscriptSegment(string text, TimeSpan startTime, TimeSpan endTime)
    {
        Text = Throw.IfNull(text);
        StartTime = startTime;
        EndTime = endTime;
    }

    /// <summary>Gets the segment's text, as the server wrote it (whisper starts most segments with a space).</summary>
    public string Text { get; }

    /// <summary>Gets when the segment starts, from the start of the audio.</summary>
    public TimeSpan StartTime { get; }

    /// <summary>Gets when the segment ends, from the start of the audio.</summary>
    public TimeSpan EndTime { get; }

    /// <summary>Gets the segment's number in the answer (<c>id</c>, or the subtitle cue's number), if it has one.</summary>
    public int? Id { get; init; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
