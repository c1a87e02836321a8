using System.Diagnostics;
using NexLLM.Cli.Tests.TestSupport;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Cli.Tests;

/// <summary>
/// The built tool as a process (<c>dotnet nexllm.dll</c>, beside the tests): its exit codes as a shell sees them, and
/// Ctrl+C (SIGINT) during a streamed answer ending it with 130.
/// </summary>
public sealed class ProcessTests : CliTest
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "nexllm.dll");

    [Fact]
    public async Task WithoutAKey_ExitCode2_AndOneLineOnStandardError()
    {
        (int exitCode, string output, string error) = await RunToolAsync(["models"], new Dictionary<string, string>(), beforeExit: null);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("error: no API key: set NEXLLM_API_KEY", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlC_DuringAnAnswer_ExitCode130()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGINT is sent with kill -INT.");
        Emulator.Enqueue(EmulatorReply.FromText("Never seen."), EmulatorFault.Delay(TimeSpan.FromMinutes(5)));

        (int exitCode, string output, string error) = await RunToolAsync(["chat", "Hello"], Environment, async process =>
        {
            // Generous waits: under a loaded 2-core machine the JIT-started tool can take seconds to send its request.
            for (int i = 0; i < 2400 && Emulator.Requests.Count == 0; i++)
            {
                await Task.Delay(25, TestCancellation);
            }

            Assert.NotEmpty(Emulator.Requests);
            using Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(TestCancellation);
            Assert.Equal(0, kill.ExitCode);
        });

        Assert.Equal(130, exitCode);
        Assert.Empty(output);
        Assert.Equal("error: cancelled", error.Trim());
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunToolAsync(
        string[] args, IReadOnlyDictionary<string, string> environment, Func<Process, Task>? beforeExit)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Tool);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("NEXLLM_API_KEY");
        start.Environment.Remove("NEXLLM_ENDPOINT");
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestCancellation);
        Task<string> error = process.StandardError.ReadToEndAsync(TestCancellation);
        try
        {
            if (beforeExit is not null)
            {
                await beforeExit(process);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestCancellation);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await output, await error);
    }
}
