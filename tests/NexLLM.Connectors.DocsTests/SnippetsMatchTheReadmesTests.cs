using NexLLM.Connectors.DocsTests.Support;
using Xunit;

namespace NexLLM.Connectors.DocsTests;

/// <summary>
/// Every C# block of the READMEs is compiled: each one is, line for line (indentation aside), a snippet region of a file
/// in Snippets/, which this project compiles with nullable, analyzers and warnings as errors. Its leading using
/// directives are checked apart, against the directives of that file: a file imports exactly what its blocks list,
/// and unnecessary usings fail the build (IDE0005), so the listed usings are both needed and enough.
/// </summary>
public sealed class SnippetsMatchTheReadmesTests
{
    private static readonly List<MarkdownBlock> Blocks = [.. Repository.ReadmeBlocks()];
    private static readonly List<SnippetFile> Files = [.. Repository.SnippetFiles()];
    private static readonly List<SnippetRegion> Regions = [.. Files.SelectMany(file => file.Regions)];

    [Fact]
    public void Every_csharp_block_of_the_readmes_is_a_compiled_snippet()
    {
        // Every README read (the packages' own too) has C# blocks; finding none would mean the reader is broken, not that all is well.
        Assert.All(Repository.Readmes, readme => Assert.Contains(Blocks, block => block.Source.StartsWith(readme + ":", StringComparison.Ordinal)));

        string[] missing = [.. Blocks.Where(block => !Regions.Any(region => region.Code == block.Code)).Select(Explain)];

        Assert.True(missing.Length == 0, string.Join("\n\n", missing));
    }

    [Fact]
    public void Every_snippet_region_is_a_readme_block_and_regions_sharing_a_name_are_identical()
    {
        string[] unused = [.. Regions.Where(region => !Blocks.Any(block => block.Code == region.Code)).Select(r => $"{r.File}: {r.Name}")];
        string[] diverging = [.. Regions.GroupBy(region => region.Name).Where(g => g.Select(r => r.Code).Distinct().Count() > 1).Select(g => g.Key)];

        Assert.True(unused.Length == 0, "Snippet regions that no README shows (update the README or remove them): " + string.Join(", ", unused));
        Assert.True(diverging.Length == 0, "Regions with the same name but different code: " + string.Join(", ", diverging));
    }

    [Fact]
    public void Each_snippet_file_imports_exactly_what_its_readme_blocks_list()
    {
        Assert.NotEmpty(Files);
        foreach (SnippetFile file in Files)
        {
            string[] listed = [.. Blocks
                .Where(block => file.Regions.Any(region => region.Code == block.Code))
                .SelectMany(block => block.Usings)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)];

            Assert.True(
                listed.SequenceEqual(file.Usings.Order(StringComparer.Ordinal)),
                $"{file.File} imports [{string.Join(", ", file.Usings)}] but its README blocks list [{string.Join(", ", listed)}].");
        }
    }

    /// <summary>Where a block and the region closest to it part, so that the fix is obvious.</summary>
    private static string Explain(MarkdownBlock block)
    {
        string[] lines = block.Code.Split('\n');
        var closest = Regions
            .Select(region => (Region: region, Lines: region.Code.Split('\n')))
            .Select(r => (r.Region, r.Lines, Same: lines.Zip(r.Lines).TakeWhile(pair => pair.First == pair.Second).Count()))
            .OrderByDescending(r => r.Same)
            .FirstOrDefault();
        string where = closest.Region is null || closest.Same == 0
            ? "no snippet region starts like it"
            : $"closest: snippet '{closest.Region.Name}' in {closest.Region.File}, which differs at the block's line {closest.Same + 1}:\n" +
              $"  README:  {lines.ElementAtOrDefault(closest.Same) ?? "(end)"}\n  snippet: {closest.Lines.ElementAtOrDefault(closest.Same) ?? "(end)"}";
        return $"{block.Source}: this C# block is not compiled anywhere ({where}). Add it to {Repository.SnippetFolder} between " +
               $"// <snippet:name> and // </snippet:name>, or make the README match the snippet.";
    }
}
