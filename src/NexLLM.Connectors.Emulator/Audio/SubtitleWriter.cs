using System.Globalization;
using System.Text;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// The <c>srt</c> and <c>vtt</c> answers: one cue per transcript segment, numbered from 1 in SubRip, under a
/// <c>WEBVTT</c> header in WebVTT, each ending with a blank line (https://www.w3.org/TR/webvtt1/).
/// </summary>
internal static class SubtitleWriter
{
    public static string Srt(IReadOnlyList<TranscriptSegment> segments)
    {
        var srt = new StringBuilder();
        foreach (var segment in segments)
        {
            srt.Append(CultureInfo.InvariantCulture, $"{segment.Id + 1}\n{Time(segment.Start, ',')} --> {Time(segment.End, ',')}\n{segment.Text}\n\n");
        }

        return srt.ToString();
    }

    public static string Vtt(IReadOnlyList<TranscriptSegment> segments)
    {
        var vtt = new StringBuilder("WEBVTT\n\n");
        foreach (var segment in segments)
        {
            vtt.Append(CultureInfo.InvariantCulture, $"{Time(segment.Start, '.')} --> {Time(segment.End, '.')}\n{segment.Text}\n\n");
        }

        return vtt.ToString();
    }

    /// <summary><c>hh:mm:ss,mmm</c> (SubRip) or <c>hh:mm:ss.mmm</c> (WebVTT).</summary>
    private static string Time(double seconds, char separator)
    {
        long ms = (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}{separator}{ms % 1000:000}");
    }
}
