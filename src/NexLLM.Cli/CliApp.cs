using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using NexLLM.Cli.Commands;
using NexLLM.Cli.Gateway;

namespace NexLLM.Cli;

/// <summary>
/// The <c>nexllm</c> command line: builds the commands, parses, runs one and turns what happened into an exit code
/// (<see cref="ExitCodes"/>). Everything it touches comes in through a <see cref="CliContext"/>, so tests run it in-process.
/// </summary>
internal static class CliApp
{
    /// <summary>The root command's description, the first line of <c>nexllm --help</c> (the AOT build serves no emulator).</summary>
    public static string Description => LocalEmulator.IsAvailable
        ? "Try the NexLLM gateway from a terminal: chat, models, embeddings, rerank, images, speech and transcription; check a key; serve the emulator."
        : "Try the NexLLM gateway from a terminal: chat, models, embeddings, rerank, images, speech and transcription; check a key.";

    /// <summary>Builds the command tree.</summary>
    /// <param name="context">What the commands write to and read from.</param>
    /// <returns>The root command, <c>nexllm</c>.</returns>
    public static RootCommand CreateRootCommand(CliContext context)
    {
        var gateway = new GatewayOptions();
        var commands = new CommandRunner(context, gateway);
        // Named for the help whatever the process is (`dotnet nexllm.dll`, the native binary, a test host).
        var root = new RootCommand(Description) { HelpName = "nexllm" };
        gateway.AddTo(root);
        root.Add(ChatCommand.Create(commands));
        root.Add(ModelsCommand.Create(commands));
        root.Add(EmbedCommand.Create(commands));
        root.Add(RerankCommand.Create(commands));
        root.Add(ImageCommand.Create(commands));
        root.Add(SpeakCommand.Create(commands));
        root.Add(TranscribeCommand.Create(commands));
        root.Add(KeyCommand.Create(commands));
        root.Add(EmulatorCommand.Create(commands));

        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command they name.</summary>
    /// <param name="args">The command line, without the program's name.</param>
    /// <param name="context">What the commands write to and read from.</param>
    /// <param name="processTerminationTimeout">
    /// When set, Ctrl+C and SIGTERM cancel the command (System.CommandLine's handling; exit code 130 if it has not
    /// stopped within this time); <see langword="null"/> (tests) leaves signals alone.
    /// </param>
    /// <param name="cancellationToken">Cancels the command: exit code 130.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, TimeSpan? processTerminationTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        RootCommand root = CreateRootCommand(context);
        // No response files: an argument that starts with '@' ("@team, sum this up") is text, not a file to read.
        ParseResult parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.CommandResult.Command.Name != EmulatorCommand.Name && args.TakeWhile(arg => arg != "--").Any(IsApiKeyOption))
        {
            // Said before anything else, and without the words around it: the next one is likely the key.
            await CommandRunner.WriteErrorAsync(context, KeyNotOnTheCommandLine).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (parseResult.Action is ParseErrorAction)
        {
            // One line, not the parser's default (every error, then the whole help): the help is one --help away. The
            // errors repeat the words they did not understand: a key among them is redacted by WriteErrorAsync.
            string command = string.Join(' ', parseResult.CommandResult.Command.Parents.OfType<Command>().Reverse().Select(c => c.Name)
                .Append(parseResult.CommandResult.Command.Name).Where(name => name.Length > 0).Skip(1).Prepend("nexllm"));
            string errors = string.Join("; ", parseResult.Errors.Select(e => string.Join(' ', e.Message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.')));
            await CommandRunner.WriteErrorAsync(context, $"{errors} (see '{command} --help')").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (parseResult.Action is HelpAction help)
        {
            // As wide as the console: the terminal's width, or, when the output is a file or a pipe, COLUMNS else 120
            // (ConsoleSetup). Asked only here: the width of a terminal costs a read of its terminfo.
            help.MaxWidth = context.Output.Profile.Width;
        }

        var configuration = new InvocationConfiguration
        {
            Output = context.Output.Profile.Out.Writer,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            // A conversation takes Ctrl+C over when it can (CliContext.Interrupts): the parser's handling would end it all.
            ProcessTerminationTimeout = context.Interrupts is not null && ChatCommand.IsConversation(parseResult) ? null : processTerminationTimeout,
        };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer to <c>--api-key</c> on any command but <c>nexllm emulator</c>.</summary>
    internal const string KeyNotOnTheCommandLine =
        $"the key is never taken from the command line (other users and the shell history see it): set {GatewayOptions.ApiKeyVariable} or use --api-key-file <file>";

    private static bool IsApiKeyOption(string token) =>
        token.Equals("--api-key", StringComparison.OrdinalIgnoreCase) || token.StartsWith("--api-key=", StringComparison.OrdinalIgnoreCase) || token.StartsWith("--api-key:", StringComparison.OrdinalIgnoreCase);
}
