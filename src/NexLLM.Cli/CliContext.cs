using Spectre.Console;

namespace NexLLM.Cli;

/// <summary>
/// What the commands talk to: the console they write to, the error stream, the input of an interactive chat and the
/// environment variables. <c>Program</c> passes the process's own; tests pass a recording console, string readers and a
/// dictionary, and run every command in-process.
/// </summary>
internal sealed class CliContext
{
    private readonly List<string> _secrets = [];
    private readonly Lazy<TextReader> _input;

    /// <summary>Initializes a new instance of the <see cref="CliContext"/> class.</summary>
    /// <param name="output">Where answers, tables and the help go (standard output).</param>
    /// <param name="error">Where the one-line errors go (standard error).</param>
    /// <param name="input">
    /// Gives where an interactive chat reads its lines, asked for only then: on a terminal, <see cref="Console.In"/> sets
    /// the terminal up (its terminfo read), which no other command should pay for at start.
    /// </param>
    /// <param name="environment">Reads an environment variable; <see langword="null"/> when it is not set.</param>
    /// <param name="inputIsTerminal">Whether <paramref name="input"/> is a person at a terminal (an interactive chat then shows its prompt).</param>
    public CliContext(IAnsiConsole output, TextWriter error, Func<TextReader> input, Func<string, string?> environment, bool inputIsTerminal = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(environment);
        Output = output;
        Error = error;
        _input = new Lazy<TextReader>(input);
        Environment = environment;
        InputIsTerminal = inputIsTerminal;
    }

    /// <summary>Gets the console for answers, tables and the help.</summary>
    public IAnsiConsole Output { get; }

    /// <summary>Gets the error stream.</summary>
    public TextWriter Error { get; }

    /// <summary>Gets the input of an interactive chat.</summary>
    public TextReader Input => _input.Value;

    /// <summary>Gets the reader of environment variables.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Gets whether the input is a terminal.</summary>
    public bool InputIsTerminal { get; }

    /// <summary>Gets whether progress bars and spinners are shown: only on an interactive terminal, never into a file or pipe.</summary>
    public bool ShowsProgress => Output.Profile.Capabilities.Interactive;

    /// <summary>Remembers a secret (the API key) that no error line may ever show.</summary>
    /// <param name="secret">The secret.</param>
    public void AddSecret(string secret)
    {
        if (secret.Length > 0)
        {
            _secrets.Add(secret);
        }
    }

    /// <summary>Returns <paramref name="text"/> with every remembered secret replaced by <c>***</c>.</summary>
    /// <param name="text">A message about to be printed.</param>
    /// <returns>The message without secrets.</returns>
    public string Redact(string text)
    {
        foreach (string secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
