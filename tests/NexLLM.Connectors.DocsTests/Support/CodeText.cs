using System.Text.RegularExpressions;

namespace NexLLM.Connectors.DocsTests.Support;

/// <summary>How a README block and a snippet region are compared: the same lines, whatever their indentation.</summary>
internal static partial class CodeText
{
    /// <summary>
    /// The lines without their common indentation, trailing spaces or leading and trailing blank lines, joined with
    /// <c>\n</c>: a block indented under a list item and a region indented in a method compare equal.
    /// </summary>
    public static string Normalize(IEnumerable<string> lines)
    {
        List<string> trimmed = [.. lines.Select(line => line.TrimEnd())];
        int first = trimmed.FindIndex(line => line.Length > 0);
        if (first < 0)
        {
            return "";
        }

        int last = trimmed.FindLastIndex(line => line.Length > 0);
        List<string> kept = trimmed.GetRange(first, last - first + 1);
        int indent = kept.Where(line => line.Length > 0).Min(line => line.Length - line.TrimStart(' ').Length);
        return string.Join('\n', kept.Select(line => line.Length == 0 ? line : line[indent..]));
    }

    /// <summary>Whether a line is a using directive (<c>using X.Y;</c>), not a using statement or declaration.</summary>
    public static bool IsUsingDirective(string line) => UsingDirective().IsMatch(line);

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[\w.]+\s*;\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex UsingDirective();
}
