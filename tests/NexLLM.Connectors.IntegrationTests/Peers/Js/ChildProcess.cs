using System.Diagnostics;

namespace NexLLM.Connectors.IntegrationTests.Peers.Js;

/// <summary>What a finished (or killed) child process left behind.</summary>
internal sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);

/// <summary>
/// Runs node and npm for the JavaScript peers: output captured, the SDKs' own environment variables removed, and the
/// whole process tree killed when the time is up or the test is cancelled.
/// </summary>
internal static class ChildProcess
{
    // Variables the SDKs read for their key, base URL, headers, logging or backend (GOOGLE_GENAI_USE_VERTEXAI): a
    // developer's own settings must not steer the peers away from the emulator.
    private static readonly string[] SdkVariablePrefixes = ["OPENAI_", "ANTHROPIC_", "GOOGLE_", "GEMINI_"];

    public static async Task<ChildProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (string name in startInfo.Environment.Keys.Where(IsSdkVariable).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["NO_COLOR"] = "1";
        foreach ((string name, string value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        return new ChildProcessResult(timedOut ? -1 : process.ExitCode, await output, await error, timedOut);
    }

    private static bool IsSdkVariable(string name) =>
        SdkVariablePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
