using Xunit;

namespace NexLLM.Connectors.DocsTests.Support;

/// <summary>A fenced C# block of a markdown file: its using directives apart (they go at the top of a file), and the rest.</summary>
/// <param name="Source">Where the block is, <c>README.md:42</c> (the line of its opening fence).</param>
/// <param name="Usings">The namespaces of its leading using directives, <c>Microsoft.Extensions.AI</c>.</param>
/// <param name="Code">The rest, normalised by <see cref="CodeText.Normalize"/>.</param>
internal sealed record MarkdownBlock(string Source, IReadOnlyList<string> Usings, string Code);

/// <summary>Reads the C# blocks of a markdown file.</summary>
internal static class MarkdownCode
{
    private static readonly string[] CSharpInfoStrings = ["csharp", "cs", "c#"];

    /// <summary>Every block fenced with <c>```csharp</c> (or <c>cs</c>, <c>c#</c>), at any indentation.</summary>
    /// <param name="name">The file's name in messages.</param>
    /// <param name="markdown">The file's text.</param>
    public static List<MarkdownBlock> CSharpBlocks(string name, string markdown)
    {
        var blocks = new List<MarkdownBlock>();
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        List<string>? block = null;
        bool isCSharp = false;
        int start = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string text = lines[i].Trim();
            bool fence = block is null
                ? text.StartsWith("```", StringComparison.Ordinal)

                // Only backticks close a block: a line that starts with ``` and goes on is its content (CommonMark).
                : text.Length >= 3 && text.TrimStart('`').Length == 0;
            if (!fence)
            {
                block?.Add(lines[i]);
                continue;
            }

            if (block is null)
            {
                // Every fence is followed, C# or not, so that code in another language never opens or closes a C# block.
                block = [];
                isCSharp = CSharpInfoStrings.Contains(text[3..].Trim(), StringComparer.OrdinalIgnoreCase);
                start = i + 1;
                continue;
            }

            if (isCSharp)
            {
                blocks.Add(Split($"{name}:{start}", block));
            }

            block = null;
        }

        Assert.True(block is null, $"{name}: the code fence opened on line {start} is never closed.");
        return blocks;
    }

    private static MarkdownBlock Split(string source, List<string> lines)
    {
        var usings = new List<string>();
        int body = 0;
        while (body < lines.Count && (lines[body].Trim().Length == 0 || CodeText.IsUsingDirective(lines[body])))
        {
            if (lines[body].Trim() is { Length: > 0 } directive)
            {
                usings.Add(directive["using".Length..].TrimEnd(';').Trim());
            }

            body++;
        }

        return new MarkdownBlock(source, usings, CodeText.Normalize(lines.Skip(body)));
    }
}
