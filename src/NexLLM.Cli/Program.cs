using NexLLM.Cli.Output;

namespace NexLLM.Cli;

/// <summary>The <c>nexllm</c> command (docs/cli.md).</summary>
internal static class Program
{
    /// <summary>How long a command has to stop after Ctrl+C or SIGTERM before the process ends anyway (exit code 130).</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(2);

    public static Task<int> Main(string[] args)
    {
        var context = new CliContext(
            ConsoleSetup.CreateStandardOutput(),
            Console.Error,
            static () => Console.In,
            Environment.GetEnvironmentVariable,
            inputIsTerminal: !Console.IsInputRedirected,
            errorOutput: ConsoleSetup.CreateStandardError(),
            interrupts: new ConsoleInterrupts());
        return CliApp.RunAsync(args, context, StopTimeout, CancellationToken.None);
    }
}
