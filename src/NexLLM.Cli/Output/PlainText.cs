using System.Buffers;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NexLLM.Cli.Output;

/// <summary>
/// Text written as it is: never read as markup, never wrapped at the console's width, and without control characters.
/// Streamed answers arrive a few characters at a time, and Spectre.Console's <see cref="Text"/> would wrap each piece as
/// if it began a line.
/// </summary>
internal sealed class PlainText(string text, Style? style = null) : Renderable
{
    /// <summary>
    /// Returns <paramref name="text"/> with every C0 and C1 control character but line feed and tab replaced by U+FFFD:
    /// model text and server messages are not the terminal's to command (ESC starts a sequence that can set the window
    /// title, write the clipboard with OSC 52, or hide what follows).
    /// </summary>
    /// <param name="text">Text from the model or the server.</param>
    /// <returns>The text, safe to write to a terminal.</returns>
    public static string Sanitize(string text)
    {
        // Most pieces of an answer have none, line feeds included: then the text is returned as it is, with no copy.
        if (text.AsSpan().IndexOfAny(Controls) < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, static (chars, source) =>
        {
            source.CopyTo(chars);
            for (int at; (at = chars.IndexOfAny(Controls)) >= 0; chars = chars[(at + 1)..])
            {
                chars[at] = '\uFFFD';
            }
        });
    }

    /// <summary>The C0 and C1 control characters, but line feed and tab.</summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7f, 0x21)).Select(static c => (char)c).Where(static c => c is not '\n' and not '\t')]);

    /// <inheritdoc/>
    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        string[] lines = Sanitize(text.ReplaceLineEndings("\n")).Split('\n');
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
