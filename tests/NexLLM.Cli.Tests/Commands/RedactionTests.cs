using NexLLM.Cli.Tests.TestSupport;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Cli.Tests.Commands;

/// <summary>
/// The key never printed: not when the server repeats it, not when it is typed where it does not belong. Each test makes
/// the key reach the error line (the server echoes it, the parser repeats the word), so it fails if redaction does not work.
/// A server's echo is redacted by the library already (<c>[REDACTED]</c>) and the command's own redaction would catch what
/// it missed; the command line's words and the endpoint reach only the command's.
/// </summary>
public sealed class RedactionTests : CliTest
{
    private const string TypedKey = "sk-live0123456789abcdef";

    [Fact]
    public async Task AServerMessageThatRepeatsTheKey_IsPrintedWithoutIt()
    {
        Emulator.Enqueue(EmulatorFault.GatewayError(401, $"Invalid token: {Emulator.ApiKey} (request id 1)", "invalid_api_key"));

        CliResult result = await RunAsync("models");

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: HttpStatus (HTTP 401): ", line, StringComparison.Ordinal);
        Assert.Contains("Invalid token: [REDACTED] (request id 1)", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Emulator.ApiKey, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyCheck_AWrongKeyTheServerRepeats_IsPrintedWithoutIt()
    {
        const string WrongKey = "wrongkey0123456789";
        var environment = new Dictionary<string, string>(Environment) { ["NEXLLM_API_KEY"] = WrongKey };
        Emulator.Enqueue(EmulatorFault.GatewayError(401, $"Invalid token: {WrongKey}", "invalid_api_key"));

        CliResult result = await RunAsync(["key", "check"], environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Invalid token: [REDACTED]", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("models", "--api-key", TypedKey)]
    [InlineData("models", "--api-key=" + TypedKey, null)]
    [InlineData("chat", "--api-key", TypedKey)]
    [InlineData("key", "--api-key", TypedKey)]
    public async Task ApiKeyOnTheCommandLine_IsRefused_WithoutRepeatingIt(string command, string option, string? value)
    {
        string[] args = value is null ? [command, option] : [command, option, value];
        if (command == "key")
        {
            args = ["key", "check", option, value!];
        }

        CliResult result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: the key is never taken from the command line (other users and the shell history see it): set NEXLLM_API_KEY or use --api-key-file <file>", Assert.Single(result.ErrorLines));
        Assert.DoesNotContain("live0123", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AKeyInAParseError_IsRedacted()
    {
        CliResult result = await RunAsync("models", "--apikey", TypedKey);

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.Contains("sk-***", line, StringComparison.Ordinal);
        Assert.DoesNotContain("live0123", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyGivenAsTheEndpoint_IsRedacted()
    {
        CliResult result = await RunAsync("models", "--endpoint", TypedKey);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: the endpoint 'sk-***' is not an absolute URL (e.g. https://www.nexllm.ai/v1)", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("bad sk-live0123456789abcdef here", "bad sk-*** here")]
    [InlineData("--endpoint=sk-proj-0123456789", "--endpoint=sk-***")]
    [InlineData("the task-0123456789abcdef failed", "the task-0123456789abcdef failed")]
    [InlineData("sk-short", "sk-short")]
    public void KeyLikeWords_AreMasked_OtherWordsAreNot(string text, string redacted)
    {
        var context = new CliContext(new Spectre.Console.Testing.TestConsole(), TextWriter.Null, () => TextReader.Null, _ => null);

        Assert.Equal(redacted, context.Redact(text));
    }
}
