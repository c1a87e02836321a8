using Spectre.Console;

namespace NexLLM.Cli.Output;

/// <summary>The process's console as Spectre.Console sees it, with the conventions of a command-line tool.</summary>
internal static class ConsoleSetup
{
    /// <summary>
    /// Creates the console on standard output: no ANSI sequences, colours or progress display when the output is redirected
    /// (a file or a pipe gets plain text), and no colours when <c>NO_COLOR</c> is set (https://no-color.org).
    /// </summary>
    /// <returns>The console.</returns>
    public static IAnsiConsole CreateStandardOutput()
    {
        bool redirected = Console.IsOutputRedirected;
        bool noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected || noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (redirected)
        {
            // A file or a pipe has no size: say so, or every write would ask the terminal for one (reading its terminfo
            // just before the first streamed token). COLUMNS when the shell exports it, else 120: wide enough for the
            // tables' model ids.
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns is >= 40 and <= 500 ? columns : 120;
            console.Profile.Height = 24;
        }

        return console;
    }
}
