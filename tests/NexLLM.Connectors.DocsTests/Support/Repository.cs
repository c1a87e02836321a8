namespace NexLLM.Connectors.DocsTests.Support;

/// <summary>The files the documentation tests read, found from the test binary up to the repository root.</summary>
internal static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>The markdown files whose C# blocks must all be compiled snippets: the READMEs, the packages' own READMEs and the guides (docs/guides).</summary>
    public static readonly string[] Readmes =
    [
        "README.md", "src/NexLLM.Connectors.Emulator/README.md",
        "src/NexLLM.Connectors/PACKAGE.md", "src/NexLLM.Connectors.SemanticKernel/PACKAGE.md", "src/NexLLM.Connectors.Emulator/PACKAGE.md",
        "docs/guides/chat.md", "docs/guides/tools.md", "docs/guides/structured-output.md", "docs/guides/reasoning.md",
        "docs/guides/prompt-caching.md", "docs/guides/rag.md", "docs/guides/images.md", "docs/guides/audio.md",
        "docs/guides/realtime.md", "docs/guides/telemetry.md", "docs/guides/emulator-in-tests.md",
        "docs/guides/dependency-injection.md", "docs/guides/semantic-kernel.md", "docs/guides/agents.md",
    ];

    /// <summary>The folder of the compiled snippets.</summary>
    public const string SnippetFolder = "tests/NexLLM.Connectors.DocsTests/Snippets";

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public static IEnumerable<SnippetFile> SnippetFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, SnippetFolder), "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(path => SnippetRegions.Read(Path.GetFileName(path), File.ReadAllText(path)));

    public static IEnumerable<MarkdownBlock> ReadmeBlocks() =>
        Readmes.SelectMany(readme => MarkdownCode.CSharpBlocks(readme, Read(readme)));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NexLLM.Connectors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No NexLLM.Connectors.sln above {AppContext.BaseDirectory}: the documentation tests read the repository's files.");
    }
}
