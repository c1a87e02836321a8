using System.Text.RegularExpressions;
using NexLLM.Cli.Output;
using Spectre.Console;

namespace NexLLM.Cli;

/// <summary>
/// What the commands talk to: the console they write to, the error stream, the input of an interactive chat and the
/// environment variables. <c>Program</c> passes the process's own; tests pass a recording console, string readers and a
/// dictionary, and run every command in-process.
/// </summary>
internal sealed partial class CliContext
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
    /// <param name="errorOutput">
    /// A console on <paramref name="error"/> for what is about an answer rather than the answer (reasoning, the summary line);
    /// <see langword="null"/> for plain text on <paramref name="error"/>.
    /// </param>
    /// <param name="interrupts">
    /// Ctrl+C for a conversation to take over (it cancels the answer being written, not the session); <see langword="null"/>
    /// leaves Ctrl+C to the command line's handling (it cancels the command).
    /// </param>
    public CliContext(
        IAnsiConsole output, TextWriter error, Func<TextReader> input, Func<string, string?> environment, bool inputIsTerminal = false, IAnsiConsole? errorOutput = null, IInterruptSource? interrupts = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(environment);
        Output = output;
        Error = error;
        ErrorOutput = errorOutput ?? ConsoleSetup.CreatePlain(error);
        _input = new Lazy<TextReader>(input);
        Environment = environment;
        InputIsTerminal = inputIsTerminal;
        Interrupts = interrupts;
    }

    /// <summary>Gets the console for answers, tables and the help.</summary>
    public IAnsiConsole Output { get; }

    /// <summary>
    /// Gets the console on the error stream: what is about an answer (reasoning, usage and times), so that standard output
    /// carries the answer alone (<c>nexllm chat ... &gt; answer.json</c>).
    /// </summary>
    public IAnsiConsole ErrorOutput { get; }

    /// <summary>Gets the error stream.</summary>
    public TextWriter Error { get; }

    /// <summary>Gets the input of an interactive chat.</summary>
    public TextReader Input => _input.Value;

    /// <summary>Gets the reader of environment variables.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Gets Ctrl+C for a conversation to take over, if the caller offers it.</summary>
    public IInterruptSource? Interrupts { get; }

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

    /// <summary>
    /// Returns <paramref name="text"/> with every remembered secret replaced by <c>***</c>, and every word that looks like
    /// an API key (<c>sk-</c> and 8 or more letters, digits, <c>-</c> or <c>_</c>) by <c>sk-***</c>: a key given where it
    /// does not belong (a stray argument, the endpoint) is never one the command knows as a secret.
    /// </summary>
    /// <param name="text">A message about to be printed.</param>
    /// <returns>The message without secrets.</returns>
    public string Redact(string text)
    {
        foreach (string secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return KeyLike().Replace(text, "sk-***");
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])sk-[A-Za-z0-9_\-]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLike();
}
