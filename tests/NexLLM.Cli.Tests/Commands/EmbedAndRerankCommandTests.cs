using System.Text.Json;
using NexLLM.Cli.Tests.TestSupport;

namespace NexLLM.Cli.Tests.Commands;

/// <summary><c>nexllm embed</c> and <c>nexllm rerank</c>.</summary>
public sealed class EmbedAndRerankCommandTests : CliTest
{
    [Fact]
    public async Task Embed_ShowsOneRowPerText_WithTheDimensionsAskedFor()
    {
        string output = Succeeded(await RunAsync("embed", "a lighthouse on the shore", "a tax form", "--dimensions", "256"));

        Assert.Matches(@"│ 1 │ a lighthouse on the shore │ +256 │ +1\.000 │ \[-?\d\.\d{4}, -?\d\.\d{4}, -?\d\.\d{4}, …\] │", output);
        Assert.Matches(@"│ 2 │ a tax form +│ +256 │ +1\.000 │", output);
        JsonElement body = Assert.Single(Emulator.Requests).ParseJson();
        Assert.Equal(256, body.GetProperty("dimensions").GetInt32());
        Assert.Equal("text-embedding-3-small", body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Embed_DimensionsAboveTheModelsSize_IsTheGatewaysError()
    {
        CliResult result = await RunAsync("embed", "text", "--dimensions", "4096");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: HttpStatus (HTTP 400): ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerank_RanksTheRelevantDocumentFirst()
    {
        string output = Succeeded(await RunAsync(
            "rerank", "--query", "How does a lighthouse guide ships?", "Bananas are a yellow fruit.", "A lighthouse guides ships at night with its light.", "Tax forms are due in April."));

        string[] rows = [.. output.Split('\n').Where(line => line.StartsWith("│ ", StringComparison.Ordinal)).Skip(1)];
        Assert.Equal(3, rows.Length);
        Assert.Matches(@"^│ +1 │ +\d\.\d{4} │ +2 │ A lighthouse guides ships at night with its light\. +│$", rows[0]);
        Assert.Equal(3, Assert.Single(Emulator.Requests).ParseJson().GetProperty("top_n").GetInt32());
    }

    [Fact]
    public async Task Rerank_WithoutAQuery_IsAUsageError()
    {
        CliResult result = await RunAsync("rerank", "a document");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Option '--query' is required (see 'nexllm rerank --help')", Assert.Single(result.ErrorLines));
        Assert.Empty(Emulator.Requests);
    }
}
