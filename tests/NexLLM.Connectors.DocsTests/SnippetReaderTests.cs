using NexLLM.Connectors.DocsTests.Support;
using Xunit;

namespace NexLLM.Connectors.DocsTests;

/// <summary>The readers the README check relies on find what they must, and no more.</summary>
public sealed class SnippetReaderTests
{
    [Fact]
    public void CSharp_blocks_are_found_at_any_indentation_with_their_usings_apart()
    {
        const string markdown = """
            Text.

            ```
            ```csharp inside a plain block is not a C# block
            ```

            ```csharp
            using Microsoft.Extensions.AI;
            using NexLLM.Connectors;

            using var client = Create();
            Console.WriteLine(client);
            ```

            - A list item:

              ```cs
              if (ready)
              {
                  Go();
              }
              ```

            ```json
            { "not": "code" }
            ```
            """;

        List<MarkdownBlock> blocks = MarkdownCode.CSharpBlocks("doc.md", markdown);

        Assert.Equal(2, blocks.Count);
        Assert.Equal(("doc.md:7", "using var client = Create();\nConsole.WriteLine(client);"), (blocks[0].Source, blocks[0].Code));
        Assert.Equal(["Microsoft.Extensions.AI", "NexLLM.Connectors"], blocks[0].Usings);
        Assert.Equal("if (ready)\n{\n    Go();\n}", blocks[1].Code);
        Assert.Empty(blocks[1].Usings);
    }

    [Fact]
    public void An_unclosed_fence_fails_the_check()
    {
        Assert.ThrowsAny<Exception>(() => MarkdownCode.CSharpBlocks("doc.md", "```csharp\nGo();\n"));
    }

    [Fact]
    public void Regions_are_read_without_their_indentation_and_with_the_file_usings()
    {
        const string source = """
            using System.Text.Json;
            using NexLLM.Connectors;

            namespace ReadmeSnippets;

            internal static class Sample
            {
                public static void Run()
                {
                    // <snippet:one>
                    if (ready)
                    {
                        Go();
                    }
                    // </snippet:one>
                    using var other = Create();
                }
            }
            """;

        SnippetFile file = SnippetRegions.Read("Sample.cs", source);

        Assert.Equal(["System.Text.Json", "NexLLM.Connectors"], file.Usings);
        SnippetRegion region = Assert.Single(file.Regions);
        Assert.Equal(("one", "if (ready)\n{\n    Go();\n}"), (region.Name, region.Code));
    }

    [Theory]
    [InlineData("// <snippet:a>\n// <snippet:b>\n// </snippet:b>\n// </snippet:a>")]
    [InlineData("// <snippet:a>\nGo();\n// </snippet:b>")]
    [InlineData("// <snippet:a>\nGo();")]
    public void Nested_mismatched_or_unclosed_regions_fail_the_check(string source)
    {
        Assert.ThrowsAny<Exception>(() => SnippetRegions.Read("Sample.cs", source));
    }

    [Fact]
    public void Normalizing_keeps_relative_indentation_and_every_other_difference()
    {
        Assert.Equal("a\n  b", CodeText.Normalize(["", "    a  ", "      b", ""]));
        Assert.NotEqual(CodeText.Normalize(["a", "b"]), CodeText.Normalize(["a", "c"]));
        Assert.NotEqual(CodeText.Normalize(["a", "b"]), CodeText.Normalize(["a", "", "b"]));
        Assert.True(CodeText.IsUsingDirective("using NexLLM.Connectors;"));
        Assert.False(CodeText.IsUsingDirective("using var nexllm = new NexLLMClient(apiKey);"));
        Assert.False(CodeText.IsUsingDirective("using (var scope = Begin())"));
    }
}
