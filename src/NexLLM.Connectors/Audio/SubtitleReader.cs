using System.Globalization;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// Reads the cues of an <c>srt</c> (SubRip: a number, <c>00:00:01,500 --&gt; 00:00:03,000</c>, text) or <c>vtt</c>
/// (WebVTT: a <c>WEBVTT</c> header, an optional cue id, <c>00:01.500 --&gt; 00:03.000</c>, text) answer into timed
/// segments. A block without a timing line (the header, a NOTE, a style block) is not a cue and is skipped.
/// </summary>
internal static class SubtitleReader
{
    private const string Arrow = "-->";

    /// <summary>The cues, in order.</summary>
    public static List<NexLLMTranscriptSegment> Read(string subtitles)
    {
        var cues = new List<NexLLMTranscriptSegment>();
        string[] lines = subtitles.ReplaceLineEndings("\n").Split('\n');
        int i = 0;
        while (i < lines.Length)
        {
            int timing = lines[i].IndexOf(Arrow, StringComparison.Ordinal);
            if (timing < 0 || !TryTime(lines[i][..timing], out TimeSpan start) || !TryTime(FirstWord(lines[i][(timing + Arrow.Length)..]), out TimeSpan end))
            {
                i++;
                continue;
            }

            int? id = i > 0 && int.TryParse(lines[i - 1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : null;
            int first = ++i;
            while (i < lines.Length && lines[i].Length > 0)
            {
                i++;
            }

            cues.Add(new NexLLMTranscriptSegment(string.Join('\n', lines[first..i]), start, end) { Id = id });
        }

        return cues;
    }

    /// <summary>The end time, without the cue settings WebVTT allows after it (<c>align:start</c>).</summary>
    private static string FirstWord(string text)
    {
        text = text.Trim();
        int space = text.IndexOfAny([' ', '\t']);
        return space < 0 ? text : text[..space];
    }

    /// <summary>Reads <c>hh:mm:ss,mmm</c> (SubRip), <c>hh:mm:ss.mmm</c> or <c>mm:ss.mmm</c> (WebVTT).</summary>
    private static bool TryTime(string text, out TimeSpan time)
    {
        time = default;
        string[] parts = text.Trim().Replace(',', '.').Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        int hours = 0;
        if (parts.Length == 3 && !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hours))
        {
            return false;
        }

        if (!int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out int minutes)
            || !decimal.TryParse(parts[^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds))
        {
            return false;
        }

        try
        {
            time = TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromMilliseconds((double)(seconds * 1000));
            return true;
        }
        catch (OverflowException)
        {
            // A time no audio has (79228162514264337593543950335 seconds): not a cue.
            return false;
        }
    }
}
