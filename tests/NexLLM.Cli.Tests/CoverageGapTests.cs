using NexLLM.Cli.Tests.TestSupport;
using NexLLM.Connectors.Emulator;
using Spectre.Console.Testing;

namespace NexLLM.Cli.Tests;

/// <summary>What the first tests left out: the endpoint's precedence, the conversation at a terminal, key files.</summary>
public sealed class CoverageGapTests : CliTest
{
    [Fact]
    public async Task EndpointOption_WinsOverTheVariable()
    {
        var environment = new Dictionary<string, string> { ["NEXLLM_API_KEY"] = Emulator.ApiKey, ["NEXLLM_ENDPOINT"] = "http://127.0.0.1:9/v1" };

        string output = Succeeded(await RunAsync(["models", "--filter", "gpt-4o-mini", "--endpoint", Emulator.Endpoint.ToString()], environment));

        Assert.Contains("gpt-4o-mini", output, StringComparison.Ordinal);
        Assert.Single(Emulator.Requests);
    }

    [Fact]
    public async Task AtATerminal_TheConversationShowsItsNoticeAndPrompt_AndAnswersHelpAndABadProtocol()
    {
        var console = new TestConsole();
        using var error = new StringWriter();
        using var input = new StringReader("/help\n/protocol soap\n/protocol\nHello\n");
        var context = new CliContext(console, error, () => input, name => Environment.TryGetValue(name, out string? value) ? value : null, inputIsTerminal: true);

        int exitCode = await CliApp.RunAsync(["chat"], context, null, TestCancellation);

        Assert.Equal(0, exitCode);
        string output = console.Output.ReplaceLineEndings("\n");
        const string Commands = "/reset, /model <id>, /protocol <chat|responses|claude|gemini|auto>, /help, /exit";
        Assert.StartsWith($"Chat with gpt-4o-mini over chat. {Commands}; Ctrl+D ends.\n> {Commands}\n> > (protocol: chat)\n> ", output, StringComparison.Ordinal);
        Assert.Contains("I am the NexLLM emulator", output, StringComparison.Ordinal);
        // Without a console of its own for standard error, the summary line goes to the error writer as plain text.
        Assert.Matches(@"^error: unknown protocol 'soap': chat, responses, claude, gemini or auto\n\d+ input, \d+ output tokens \| finish: stop \|[^\n]+\n$", error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task AnEmptyKeyFile_IsAUsageError()
    {
        string file = PathOf("key.txt");
        await File.WriteAllTextAsync(file, " \n", TestCancellation);

        CliResult result = await RunAsync(["models", "--api-key-file", file], new Dictionary<string, string> { ["NEXLLM_ENDPOINT"] = Emulator.Endpoint.ToString() });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: the key file {file} is empty", Assert.Single(result.ErrorLines));
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Transcribe_AGatewayFailure_IsOneLine_ExitCode1()
    {
        Emulator.Enqueue(EmulatorFault.GatewayError(503, "No available channel for this model", "model_not_available").WithTimes(10));

        CliResult result = await RunAsync("transcribe", typeof(CoverageGapTests).Assembly.Location);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: HttpStatus (HTTP 503): ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }
}
