using Spectre.Console;
using Spectre.Console.Rendering;

namespace NexLLM.Cli.Output;

/// <summary>
/// Text written as it is: never read as markup, never wrapped at the console's width. Streamed answers arrive a few
/// characters at a time, and Spectre.Console's <see cref="Text"/> would wrap each piece as if it began a line.
/// </summary>
internal sealed class PlainText(string text, Style? style = null) : Renderable
{
    /// <inheritdoc/>
    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                yield return Segment.LineBreak;
            }

            if (lines[i].Length > 0)
            {
                yield return new Segment(lines[i], style ?? Style.Plain);
            }
        }
    }

    /// <inheritdoc/>
    protected override Measurement Measure(RenderOptions options, int maxWidth) => new(1, maxWidth);
}
