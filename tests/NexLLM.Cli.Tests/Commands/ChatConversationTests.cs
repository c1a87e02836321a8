using System.Text.Json;
using NexLLM.Cli.Tests.TestSupport;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Cli.Tests.Commands;

/// <summary><c>nexllm chat</c> without a prompt: a conversation with history, <c>/reset</c>, <c>/model</c>, <c>/protocol</c>.</summary>
public sealed class ChatConversationTests : CliTest
{
    [Fact]
    public async Task KeepsTheHistory_UntilReset_AndSwitchesModelAndProtocol()
    {
        Emulator.Enqueue(EmulatorReply.FromText("One."));
        Emulator.Enqueue(EmulatorReply.FromText("Two."));
        Emulator.Enqueue(EmulatorReply.FromText("Three."));
        const string Input = "First\n/model gpt-4.1\nSecond\n/reset\n/protocol claude\n/model claude-haiku-4-5\nThird\n";

        CliResult result = await RunAsync(["chat"], Environment, Input);

        string output = Succeeded(result);
        Assert.Contains("One.\n", output, StringComparison.Ordinal);
        Assert.Contains("(model: gpt-4.1)\n", output, StringComparison.Ordinal);
        Assert.Contains("(conversation cleared)\n", output, StringComparison.Ordinal);
        Assert.Contains("(protocol: claude)\n", output, StringComparison.Ordinal);
        Assert.Contains("Three.\n", output, StringComparison.Ordinal);
        Assert.Equal(3, result.Notes.Split('\n').Count(line => line.Contains("| finish: stop |", StringComparison.Ordinal)));
        Assert.DoesNotContain("finish:", output, StringComparison.Ordinal);

        IReadOnlyList<EmulatorRequest> requests = Emulator.Requests;
        Assert.Equal(["/v1/chat/completions", "/v1/chat/completions", "/v1/messages"], requests.Select(r => r.Path));
        JsonElement second = requests[1].ParseJson();
        Assert.Equal("gpt-4.1", second.GetProperty("model").GetString());
        Assert.Equal(["First", "One.", "Second"], second.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        JsonElement third = requests[2].ParseJson();
        Assert.Equal("claude-haiku-4-5", third.GetProperty("model").GetString());
        Assert.Equal(1, third.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task AFailedTurn_PrintsItsError_AndTheConversationGoesOn()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(400, "This model's maximum context length is exceeded.", "invalid_request_error"));
        Emulator.Enqueue(EmulatorReply.FromText("Fine now."));

        CliResult result = await RunAsync(["chat"], Environment, "Too long\n/nonsense\nShort\n/exit\nNever asked\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.ErrorLines.Length);
        Assert.StartsWith("error: HttpStatus (HTTP 400): ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("This model's maximum context length is exceeded.", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("error: unknown command /nonsense: /reset, /model <id>, /protocol <chat|responses|claude|gemini|auto>, /help, /exit", result.ErrorLines[1]);
        Assert.Contains("Fine now.\n", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, Emulator.Requests.Count);
        Assert.Equal(1, Emulator.Requests[1].ParseJson().GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task CtrlC_WhileWaitingForALine_ExitCode130()
    {
        using var input = new SilentInput();
        var console = new Spectre.Console.Testing.TestConsole();
        using var error = new StringWriter();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestCancellation);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
        var context = new CliContext(console, error, () => input, name => Environment.TryGetValue(name, out string? value) ? value : null);

        int exitCode = await CliApp.RunAsync(["chat"], context, null, cancellation.Token);

        Assert.Equal(130, exitCode);
        Assert.Equal("error: cancelled\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task CtrlC_DuringAnAnswer_CancelsThatAnswerOnly_AndTheConversationGoesOn()
    {
        Emulator.Enqueue(EmulatorReply.FromText("Never seen."), EmulatorFault.Delay(TimeSpan.FromSeconds(30)));
        Emulator.Enqueue(EmulatorReply.FromText("Second answer."));
        var interrupts = new TestInterrupts();

        Task<CliResult> run = RunAsync(["chat"], Environment, "First\nSecond\n", interrupts: interrupts);
        for (int i = 0; i < 400 && Emulator.Requests.Count == 0; i++)
        {
            await Task.Delay(25, TestCancellation);
        }

        interrupts.Fire();
        CliResult result = await run;

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.StartsWith("(answer cancelled)\n", result.Notes, StringComparison.Ordinal);
        Assert.Equal("Second answer.\n", result.Output);
        Assert.Equal(["Second"], Emulator.Requests[1].ParseJson().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task CtrlC_AtThePrompt_EndsTheConversation_ExitCode130()
    {
        using var input = new SilentInput();
        var interrupts = new TestInterrupts();
        var console = new Spectre.Console.Testing.TestConsole();
        using var error = new StringWriter();
        var context = new CliContext(console, error, () => input, name => Environment.TryGetValue(name, out string? value) ? value : null, interrupts: interrupts);

        Task<int> run = CliApp.RunAsync(["chat"], context, TimeSpan.FromSeconds(2), TestCancellation);
        await Task.Delay(200, TestCancellation);
        interrupts.Fire();

        Assert.Equal(130, await run);
        Assert.Equal("error: cancelled\n", error.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>Ctrl+C on demand.</summary>
    private sealed class TestInterrupts : IInterruptSource
    {
        private Action? _onInterrupt;

        public IDisposable Subscribe(Action onInterrupt)
        {
            _onInterrupt = onInterrupt;
            return new Subscription(this);
        }

        public void Fire() => (_onInterrupt ?? throw new InvalidOperationException("Nobody listens to Ctrl+C.")).Invoke();

        private sealed class Subscription(TestInterrupts source) : IDisposable
        {
            public void Dispose() => source._onInterrupt = null;
        }
    }

    /// <summary>A terminal nobody types into: <c>ReadLine</c> blocks until the test ends.</summary>
    private sealed class SilentInput : TextReader
    {
        private readonly ManualResetEventSlim _end = new();

        public override string? ReadLine()
        {
            _end.Wait();
            return null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _end.Set();
            }

            base.Dispose(disposing);
        }
    }
}
