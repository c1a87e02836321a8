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
    public async Task Streams_TheAnswer_ThenUsageFinishReasonRequestIdAndTimes_OnStandardError(string protocol, string model, string path)
    {
        Emulator.Enqueue(EmulatorReply.FromText("A lighthouse guides ships."));

        CliResult result = await RunAsync("chat", "What does a lighthouse do?", "--protocol", protocol, "--model", model);

        Assert.Equal("A lighthouse guides ships.\n", Succeeded(result));
        Assert.Matches(@"^\d+ input, \d+ output tokens \| finish: stop \| request: \S+ \| first token \d+ ms, total \d+ ms\n$", result.Notes);
        EmulatorRequest request = Assert.Single(Emulator.Requests);
        Assert.Equal(path, request.Path);
    }

    [Fact]
    public async Task NoStream_AsksForTheWholeAnswer()
    {
        Emulator.Enqueue(EmulatorReply.FromText("Whole."));

        CliResult result = await RunAsync("chat", "Hi", "--no-stream");

        Assert.Equal("Whole.\n", Succeeded(result));
        Assert.Contains("finish: stop", result.Notes, StringComparison.Ordinal);
        Assert.False(Assert.Single(Emulator.Requests).ParseJson().TryGetProperty("stream", out JsonElement stream) && stream.GetBoolean());
    }

    [Fact]
    public async Task Reasoning_IsAskedFor_AndShownDimmed_OnStandardError()
    {
        Emulator.Enqueue(EmulatorReply.FromText("Paris.") with { Reasoning = "The capital of France is Paris." });

        CliResult result = await RunAsync(
            ["chat", "Capital of France?", "-p", "claude", "-m", "claude-sonnet-4-5", "--reasoning", "high"], Environment, ansi: true);

        Assert.Equal(0, result.ExitCode);
        // Dimmed (SGR 2) piece by piece as it streams, on standard error, its line ended before the answer; the answer
        // alone on standard output, not dimmed.
        string dimmed = string.Concat(Regex.Matches(result.Notes, "\u001b\\[2m(.*?)\u001b\\[0m").Select(m => m.Groups[1].Value));
        Assert.StartsWith("The capital of France is Paris.", dimmed, StringComparison.Ordinal);
        Assert.StartsWith("The capital of France is Paris.\n", Regex.Replace(result.Notes, "\u001b\\[[0-9;]*m", string.Empty), StringComparison.Ordinal);
        Assert.StartsWith("\u001b[2mThe capital", result.Notes, StringComparison.Ordinal);
        Assert.Equal("Paris.\n", result.Output);
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

    [Fact]
    public async Task WithAJsonSchema_StandardOutputIsTheJsonAlone()
    {
        string schema = PathOf("city.json");
        await File.WriteAllTextAsync(schema, """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""", TestCancellation);
        Emulator.Enqueue(EmulatorReply.FromText("""{"city":"Paris"}"""));

        CliResult result = await RunAsync("chat", "Where?", "--json-schema", schema);

        using JsonDocument answer = JsonDocument.Parse(Succeeded(result));
        Assert.Equal("Paris", answer.RootElement.GetProperty("city").GetString());
        Assert.Contains("| finish: stop |", result.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJsonSchemaFileWithAByteOrderMark_IsRead()
    {
        string schema = PathOf("city.json");
        await File.WriteAllBytesAsync(schema, [0xEF, 0xBB, 0xBF, .. """{"type":"object","properties":{"city":{"type":"string"}}}"""u8], TestCancellation);

        Succeeded(await RunAsync("chat", "Where?", "--json-schema", schema));

        Assert.Equal("city", Assert.Single(Emulator.Requests).ParseJson().GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ControlCharactersInTheAnswer_NeverReachTheTerminal()
    {
        // OSC 52 (write the clipboard), a title change, CSI as C1 and a bell: each would command the terminal.
        Emulator.Enqueue(EmulatorReply.FromText("Copy\u001b]52;c;ZXZpbA==\u0007 title\u001b]0;pwned\u001b\\ red\u009b31m bell\u0007.\tTab\r\nNext"));

        string output = Succeeded(await RunAsync("chat", "Say escapes"));

        Assert.Equal("Copy\uFFFD]52;c;ZXZpbA==\uFFFD title\uFFFD]0;pwned\uFFFD\\ red\uFFFD31m bell\uFFFD.\tTab\nNext\n", output);
    }

    [Fact]
    public async Task AnArgumentStartingWithAt_IsThePrompt_NotAResponseFile()
    {
        Succeeded(await RunAsync("chat", "@team summarise this"));

        Assert.Equal("@team summarise this", Assert.Single(Emulator.Requests).ParseJson().GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task AnEmptyPrompt_IsAUsageError_NotAConversation()
    {
        CliResult result = await RunAsync(["chat", ""], Environment, "Hello\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: the prompt must not be empty (leave it out to start a conversation) (see 'nexllm chat --help')", Assert.Single(result.ErrorLines));
        Assert.Empty(result.Output);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AGeminiSchemaWithARemoteReference_IsAUsageError_OneLine()
    {
        string schema = PathOf("remote.json");
        await File.WriteAllTextAsync(schema, """{"type":"object","properties":{"city":{"$ref":"https://example.com/city.json"}}}""", TestCancellation);

        CliResult result = await RunAsync("chat", "Where?", "-p", "gemini", "-m", "gemini-2.5-flash", "--json-schema", schema);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("https://example.com/city.json", result.Error, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task TheProtocol_IsTakenInAnyCase_AsInAConversation()
    {
        Succeeded(await RunAsync("chat", "Hi", "--protocol", "Claude", "-m", "claude-sonnet-4-5"));

        Assert.Equal("/v1/messages", Assert.Single(Emulator.Requests).Path);
    }
}
