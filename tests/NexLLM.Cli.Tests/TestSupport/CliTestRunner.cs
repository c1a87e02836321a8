using Spectre.Console.Testing;

namespace NexLLM.Cli.Tests.TestSupport;

/// <summary>Runs <c>nexllm</c> in-process with no environment, no input and a 100-column console (tests without an emulator).</summary>
public static class CliTestRunner
{
    public static async Task<CliResult> RunAsync(string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 100;
        using var error = new StringWriter();
        var context = new CliContext(console, error, () => TextReader.Null, _ => null);
        int exitCode = await CliApp.RunAsync(args, context, processTerminationTimeout: null, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, console.Output.Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }
}
