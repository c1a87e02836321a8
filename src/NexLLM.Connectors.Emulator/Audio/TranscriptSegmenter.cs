namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// Cuts a transcript into segments as Whisper does in spirit: a segment ends with a word that ends a sentence (the tone
/// code's longer pause, <see cref="ToneCode.EndsSentence"/>), or before it would pass <see cref="MaxSeconds"/>.
/// </summary>
internal static class TranscriptSegmenter
{
    /// <summary>Whisper's window: no segment is longer.</summary>
    public const double MaxSeconds = 30;

    public static IReadOnlyList<TranscriptSegment> Segments(Transcript transcript)
    {
        var segments = new List<TranscriptSegment>();
        var current = new List<TimedWord>();
        foreach (var word in transcript.Words)
        {
            if (current.Count > 0 && word.End - current[0].Start > MaxSeconds)
            {
                Close();
            }

            current.Add(word);
            if (ToneCode.EndsSentence(word.Word))
            {
                Close();
            }
        }

        Close();
        return segments;

        void Close()
        {
            if (current.Count > 0)
            {
                segments.Add(new TranscriptSegment(segments.Count, current[0].Start, current[^1].End, string.Join(' ', current.Select(w => w.Word)), [.. current]));
                current = [];
            }
        }
    }
}
