using System.Text.Json;
using System.Text.RegularExpressions;
using NexLLM.Cli.Tests.TestSupport;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Cli.Tests.Commands;

/// <summary><c>nexllm chat "prompt"</c>: streamed and not, every protocol, reasoning, JSON schema, markup-safe output.</summary>
public sealed class ChatCommandTests : CliTest
{
    [Theory]
    [InlineData("chat", "gpt-4o-mini", "/v1/chat/completions")]
    [InlineData("responses", "gpt-4.1", "/v1/responses")]
    [InlineData("claude", "claude-sonnet-4-5", "/v1/messages")]
    [InlineData("gemini", "gemini-2.5-flash", "/v1beta/models/gemini-2.5-flash:streamGenerateContent")]
    public async Task Streams_TheAnswer_ThenUsageFinishReasonRequestIdAndTimes(string protocol, string model, string path)
    {
        Emulator.Enqueue(EmulatorReply.FromText("A lighthouse guides ships."));

        string output = Succeeded(await RunAsync("chat", "What does a lighthouse do?", "--protocol", protocol, "--model", model));

        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(["A lighthouse guides ships.", lines[1]], lines);
        Assert.Matches(@"^\d+ input, \d+ output tokens \| finish: stop \| request: \S+ \| first token \d+ ms, total \d+ ms$", lines[1]);
        EmulatorRequest request = Assert.Single(Emulator.Requests);
        Assert.Equal(path, request.Path);
    }

    [Fact]
    public async Task NoStream_AsksForTheWholeAnswer()
    {
        Emulator.Enqueue(EmulatorReply.FromText("Whole."));

        string output = Succeeded(await RunAsync("chat", "Hi", "--no-stream"));

        Assert.StartsWith("Whole.\n", output, StringComparison.Ordinal);
        Assert.Contains("finish: stop", output, StringComparison.Ordinal);
        Assert.False(Assert.Single(Emulator.Requests).ParseJson().TryGetProperty("stream", out JsonElement stream) && stream.GetBoolean());
    }

    [Fact]
    public async Task Reasoning_IsAskedFor_AndShownDimmed_BeforeTheAnswer()
    {
        Emulator.Enqueue(EmulatorReply.FromText("Paris.") with { Reasoning = "The capital of France is Paris." });

        CliResult result = await RunAsync(
            ["chat", "Capital of France?", "-p", "claude", "-m", "claude-sonnet-4-5", "--reasoning", "high"], Environment, ansi: true);

        Assert.Equal(0, result.ExitCode);
        // Dimmed (SGR 2) piece by piece as it streams; the answer after it, on its own line and not dimmed.
        string dimmed = string.Concat(Regex.Matches(result.Output, "\u001b\\[2m(.*?)\u001b\\[0m").Select(m => m.Groups[1].Value));
        Assert.StartsWith("The capital of France is Paris.", dimmed, StringComparison.Ordinal);
        Assert.StartsWith("\u001b[2mThe capital", result.Output, StringComparison.Ordinal);
        Assert.Contains("\u001b[0m\nParis.\n", result.Output, StringComparison.Ordinal);
        JsonElement thinking = Assert.Single(Emulator.Requests).ParseJson().GetProperty("thinking");
        Assert.Equal(16384, thinking.GetProperty("budget_tokens").GetInt32());
    }

    [Fact]
    public async Task ModelText_IsNeverReadAsMarkup()
    {
        Emulator.Enqueue(EmulatorReply.FromText("[bold]not bold[/] and [red"));

        string output = Succeeded(await RunAsync("chat", "Say markup"));

        Assert.StartsWith("[bold]not bold[/] and [red\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemPrompt_AndJsonSchema_AreSent()
    {
        string schema = PathOf("city.json");
        await File.WriteAllTextAsync(schema, """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""", TestCancellation);

        Succeeded(await RunAsync("chat", "Where?", "--system", "Answer in JSON.", "--json-schema", schema));

        JsonElement body = Assert.Single(Emulator.Requests).ParseJson();
        Assert.Equal("system", body.GetProperty("messages")[0].GetProperty("role").GetString());
        JsonElement format = body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("city", format.GetProperty("json_schema").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AJsonSchemaFileThatIsNotJson_IsAUsageError()
    {
        string schema = PathOf("broken.json");
        await File.WriteAllTextAsync(schema, "{ not json", TestCancellation);

        CliResult result = await RunAsync("chat", "Where?", "--json-schema", schema);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --json-schema: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }
}
