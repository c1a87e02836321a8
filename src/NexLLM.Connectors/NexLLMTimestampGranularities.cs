namespace NexLLM.Connectors;

/// <summary>
/// The timestamps a transcription asks for (<c>timestamp_granularities[]</c>, docs/protocols/audio.md). They need the
/// <see cref="NexLLMTranscriptionFormat.VerboseJson"/> format, which asking for them selects when no format was set.
/// </summary>
[Flags]
public enum NexLLMTimestampGranularities
{
    /// <summary>None asked for: the server's default (segments, in <c>verbose_json</c>).</summary>
    None = 0,

    /// <summary><c>word</c>: a start and end time for every word (<see cref="NexLLMTranscriptWord"/>).</summary>
    Word = 1,

    /// <summary><c>segment</c>: a start and end time for every segment (<see cref="NexLLMTranscriptSegment"/>).</summary>
    Segment = 2,
}
