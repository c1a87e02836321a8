using Spectre.Console;

namespace NexLLM.Cli.Output;

/// <summary>The process's console as Spectre.Console sees it, with the conventions of a command-line tool.</summary>
internal static class ConsoleSetup
{
    /// <summary>Creates the console on standard output, as <see cref="Create"/> says.</summary>
    /// <returns>The console.</returns>
    public static IAnsiConsole CreateStandardOutput() =>
        Create(Console.Out, Console.IsOutputRedirected, Environment.GetEnvironmentVariable);

    /// <summary>Creates the console on standard error (reasoning, the summary line after an answer), as <see cref="Create"/> says.</summary>
    /// <returns>The console.</returns>
    public static IAnsiConsole CreateStandardError() =>
        Create(Console.Error, Console.IsErrorRedirected, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Creates a console on <paramref name="writer"/>: no ANSI sequences and no progress display when it is redirected (a
    /// file or a pipe gets plain text), and no ANSI sequences at all, colours or decorations, when <c>NO_COLOR</c> is set
    /// (https://no-color.org; dim and bold would still be escape sequences in a log).
    /// </summary>
    /// <param name="writer">Where the console writes.</param>
    /// <param name="redirected">Whether <paramref name="writer"/> is a file or a pipe rather than a terminal.</param>
    /// <param name="environment">Reads an environment variable (<c>NO_COLOR</c>, <c>COLUMNS</c>).</param>
    /// <returns>The console.</returns>
    public static IAnsiConsole Create(TextWriter writer, bool redirected, Func<string, string?> environment)
    {
        bool plain = redirected || !string.IsNullOrEmpty(environment("NO_COLOR"));
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(writer),
        });
        if (redirected)
        {
            // A file or a pipe has no size: say so, or every write would ask the terminal for one (reading its terminfo
            // just before the first streamed token). COLUMNS when the shell exports it, else 120: wide enough for the
            // tables' model ids.
            console.Profile.Width = int.TryParse(environment("COLUMNS"), out int columns) && columns is >= 40 and <= 500 ? columns : 120;
            console.Profile.Height = 24;
        }

        return console;
    }

    /// <summary>Creates a console that writes plain text to <paramref name="writer"/> (a redirected stream, a test's writer).</summary>
    /// <param name="writer">Where the console writes.</param>
    /// <returns>The console.</returns>
    public static IAnsiConsole CreatePlain(TextWriter writer) => Create(writer, redirected: true, static _ => null);
}
