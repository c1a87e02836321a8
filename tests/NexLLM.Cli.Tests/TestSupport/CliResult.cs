namespace NexLLM.Cli.Tests.TestSupport;

/// <summary>What one run of the command printed, and its exit code.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output (plain text: the test console writes no ANSI sequences unless asked).</param>
/// <param name="Error">The error lines on standard error.</param>
/// <param name="Notes">
/// What else goes to standard error, written through <see cref="CliContext.ErrorOutput"/> (a chat's reasoning and its
/// summary line); kept apart from <paramref name="Error"/> here so that tests can tell them apart.
/// </param>
public sealed record CliResult(int ExitCode, string Output, string Error, string Notes = "")
{
    /// <summary>Gets the lines of standard error.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <inheritdoc/>
    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr (errors)\n{Error}\n--- stderr (notes)\n{Notes}";
}
