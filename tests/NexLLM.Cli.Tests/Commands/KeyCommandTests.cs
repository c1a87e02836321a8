using NexLLM.Cli.Tests.TestSupport;

namespace NexLLM.Cli.Tests.Commands;

/// <summary><c>nexllm key check</c>: whether the key works and what it reaches, never the key.</summary>
public sealed class KeyCommandTests : CliTest
{
    [Fact]
    public async Task AWorkingKey_SaysSo_AndWhatItReaches_WithoutPrintingIt()
    {
        CliResult result = await RunAsync("key", "check");

        string output = Succeeded(result);
        Assert.StartsWith($"The key works: {Emulator.Endpoint} lists 30 models for it.\n", output, StringComparison.Ordinal);
        Assert.Matches(@"│ anthropic +│ +2 │ claude-haiku-4-5, claude-sonnet-4-5 +│", output);
        Assert.DoesNotContain(Emulator.ApiKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain("nexllmemulator", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongKey_SaysItDoesNotWork_ExitCode1_WithoutPrintingIt()
    {
        const string WrongKey = "sk-wrongkey0123456789";
        var environment = new Dictionary<string, string>(Environment) { ["NEXLLM_API_KEY"] = WrongKey };

        CliResult result = await RunAsync(["key", "check"], environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"The key does not work: {Emulator.Endpoint} refused it (HTTP 401).\n", result.Output);
        Assert.StartsWith("error: HttpStatus (HTTP 401): ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("wrongkey", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKey_CanComeFromAFile()
    {
        string file = PathOf("key.txt");
        await File.WriteAllTextAsync(file, Emulator.ApiKey + "\n", TestCancellation);
        var environment = new Dictionary<string, string> { ["NEXLLM_ENDPOINT"] = Emulator.Endpoint.ToString() };

        string output = Succeeded(await RunAsync(["key", "check", "--api-key-file", file], environment));

        Assert.StartsWith("The key works", output, StringComparison.Ordinal);
    }
}
