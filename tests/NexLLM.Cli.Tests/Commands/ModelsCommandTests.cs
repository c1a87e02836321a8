using NexLLM.Cli.Tests.TestSupport;

namespace NexLLM.Cli.Tests.Commands;

/// <summary><c>nexllm models [--filter text]</c>.</summary>
public sealed class ModelsCommandTests : CliTest
{
    [Fact]
    public async Task ListsEveryModel_WithOwnerAndEndpointTypes()
    {
        string output = Succeeded(await RunAsync("models"));

        Assert.Matches(@"│ gpt-4o-mini +│ openai +│ openai, openai-response +│", output);
        Assert.Matches(@"│ claude-sonnet-4-5 +│ claude +│ anthropic, openai +│", output);
        Assert.EndsWith("\n30 models\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_KeepsTheModelsWhoseIdOwnerOrTypesMatch()
    {
        string output = Succeeded(await RunAsync("models", "--filter", "ANTHROPIC"));

        Assert.Contains("claude-haiku-4-5", output, StringComparison.Ordinal);
        Assert.Contains("claude-sonnet-4-5", output, StringComparison.Ordinal);
        Assert.DoesNotContain("gpt-4o-mini", output, StringComparison.Ordinal);
        Assert.EndsWith("\n2 models of 30\n", output, StringComparison.Ordinal);
    }
}
