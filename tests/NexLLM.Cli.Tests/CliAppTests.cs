using NexLLM.Cli.Tests.TestSupport;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Cli.Tests;

/// <summary>What every command shares: the key, <c>--emulator</c>, errors and exit codes.</summary>
public sealed class CliAppTests : CliTest
{
    public static TheoryData<string[]> EveryCommandButTheEmulator => new(
        ["chat", "Hello"],
        ["chat"],
        ["models"],
        ["embed", "text"],
        ["rerank", "--query", "q", "doc"],
        ["image", "A lighthouse"],
        ["speak", "Hello", "-o", "hello.wav"],
        ["transcribe", typeof(CliAppTests).Assembly.Location],
        ["key", "check"]);

    [Theory]
    [MemberData(nameof(EveryCommandButTheEmulator))]
    public async Task WithoutAKey_EveryCommandFailsAtOnce_NamingTheVariableAndTheEmulatorSwitch(string[] args)
    {
        CliResult result = await RunAsync(args, new Dictionary<string, string> { ["NEXLLM_ENDPOINT"] = Emulator.Endpoint.ToString() });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: no API key: set NEXLLM_API_KEY (or pass --api-key-file <file>), or add --emulator to run against a local emulator", Assert.Single(result.ErrorLines));
        Assert.Empty(result.Output);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Emulator_RunsTheCommandAgainstAnInProcessEmulator_WithoutAKey()
    {
        string output = Succeeded(await RunAsync(["chat", "What is the capital of France?", "--emulator"], new Dictionary<string, string>()));

        Assert.Contains("deterministic reply from the NexLLM emulator", output, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AGatewayFailure_IsOneLine_WithKindAndStatus_ExitCode1()
    {
        Emulator.Enqueue(EmulatorFault.GatewayError(429, "Rate limit reached for this token", "rate_limit_exceeded").WithTimes(10));

        CliResult result = await RunAsync("models");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: HttpStatus (HTTP 429): ", line, StringComparison.Ordinal);
        Assert.Contains("Rate limit reached", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Emulator.ApiKey, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorInTheStream_EndsTheAnswersLine_ThenOneErrorLine_ExitCode1()
    {
        Emulator.Enqueue(EmulatorReply.FromText("One two three four five six seven eight."), EmulatorFault.StreamError(3));

        CliResult result = await RunAsync("chat", "Count");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches("^One.*\n$", result.Output);
        Assert.StartsWith("error: InStreamError", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionFailure_HasNoStatus_ExitCode1()
    {
        var environment = new Dictionary<string, string> { ["NEXLLM_API_KEY"] = Emulator.ApiKey, ["NEXLLM_ENDPOINT"] = "http://127.0.0.1:9/v1" };

        CliResult result = await RunAsync(["models", "--endpoint", "http://127.0.0.1:1/v1"], environment);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: Connection: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_ExitCode130()
    {
        Emulator.Enqueue(EmulatorFault.Delay(TimeSpan.FromSeconds(30)));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestCancellation);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));

        CliResult result = await RunAsync(["chat", "Hello"], Environment, cancellationToken: cancellation.Token);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("error: cancelled", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData(new[] { "chat", "Hi", "--protocol", "soap" }, "error: Argument 'soap' not recognized. Must be one of: 'chat' 'responses' 'claude' 'gemini' 'auto' (see 'nexllm chat --help')")]
    [InlineData(new[] { "embed" }, "error: Required argument 'text' missing for command: 'embed' (see 'nexllm embed --help')")]
    [InlineData(new[] { "nonsense" }, "error: ")]
    [InlineData(new[] { "models", "--endpoint", "not a url" }, "error: the endpoint 'not a url' is not an absolute URL")]
    [InlineData(new[] { "models", "--endpoint", "http://example.com/v1" }, "error: the endpoint or key is not usable: ")]
    [InlineData(new[] { "models", "--api-key-file", "/no/such/file" }, "error: File does not exist: '/no/such/file'")]
    public async Task UsageErrors_AreOneLine_ExitCode2(string[] args, string start)
    {
        CliResult result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(start, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }
}
