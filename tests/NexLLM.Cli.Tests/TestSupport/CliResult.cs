namespace NexLLM.Cli.Tests.TestSupport;

/// <summary>What one run of the command printed, and its exit code.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output (plain text: the test console writes no ANSI sequences unless asked).</param>
/// <param name="Error">Standard error.</param>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Gets the lines of standard error.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <inheritdoc/>
    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
