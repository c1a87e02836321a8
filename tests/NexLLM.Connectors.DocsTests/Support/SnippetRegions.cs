using System.Text.RegularExpressions;
using Xunit;

namespace NexLLM.Connectors.DocsTests.Support;

/// <summary>A region of compiled code between <c>// &lt;snippet:name&gt;</c> and <c>// &lt;/snippet:name&gt;</c>.</summary>
/// <param name="Name">The region's name.</param>
/// <param name="File">The file that holds it.</param>
/// <param name="Code">Its lines, normalised by <see cref="CodeText.Normalize"/>.</param>
internal sealed record SnippetRegion(string Name, string File, string Code);

/// <summary>A snippet file: its using directives and its regions.</summary>
/// <param name="File">The file's name.</param>
/// <param name="Usings">The namespaces it imports.</param>
/// <param name="Regions">Its regions, in order.</param>
internal sealed record SnippetFile(string File, IReadOnlyList<string> Usings, IReadOnlyList<SnippetRegion> Regions);

/// <summary>Reads the snippet regions of a C# file.</summary>
internal static partial class SnippetRegions
{
    public static SnippetFile Read(string file, string source)
    {
        string[] lines = source.ReplaceLineEndings("\n").Split('\n');
        var usings = lines.TakeWhile(line => !line.StartsWith("namespace ", StringComparison.Ordinal))
            .Where(CodeText.IsUsingDirective)
            .Select(line => line.Trim()["using".Length..].TrimEnd(';').Trim())
            .ToList();

        var regions = new List<SnippetRegion>();
        string? open = null;
        int start = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (Marker().Match(lines[i]) is not { Success: true } marker)
            {
                continue;
            }

            string name = marker.Groups["name"].Value;
            bool closing = marker.Groups["close"].Success;
            if (!closing)
            {
                Assert.True(open is null, $"{file}:{i + 1}: snippet '{name}' opens inside snippet '{open}'.");
                (open, start) = (name, i + 1);
                continue;
            }

            Assert.True(open == name, $"{file}:{i + 1}: snippet '{name}' closes, but '{open ?? "none"}' is open.");
            regions.Add(new SnippetRegion(name, file, CodeText.Normalize(lines[start..i])));
            open = null;
        }

        Assert.True(open is null, $"{file}: snippet '{open}' is never closed.");
        return new SnippetFile(file, usings, regions);
    }

    [GeneratedRegex(@"^\s*//\s*<(?<close>/)?snippet:(?<name>[\w-]+)>\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
