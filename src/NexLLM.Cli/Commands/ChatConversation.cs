using Microsoft.Extensions.AI;
using NexLLM.Cli.Gateway;
using NexLLM.Cli.Output;
using NexLLM.Connectors;
using Spectre.Console;

namespace NexLLM.Cli.Commands;

/// <summary>
/// <c>nexllm chat</c> without a prompt: a conversation, one line in, one streamed answer out, the history kept. Lines
/// that start with <c>/</c> are commands: <c>/reset</c>, <c>/model [id]</c>, <c>/protocol [name]</c>, <c>/help</c>,
/// <c>/exit</c>. It ends at the end of the input (Ctrl+D) or <c>/exit</c>; a failed turn prints its error and the
/// conversation goes on.
/// </summary>
internal sealed class ChatConversation(CommandRunner runner, GatewayConnection connection, ChatSettings settings)
{
    private const string Commands = "/reset, /model <id>, /protocol <chat|responses|claude|gemini|auto>, /help, /exit";
    private static readonly Style Dim = new(decoration: Decoration.Dim);
    private readonly IAnsiConsole _console = runner.Context.Output;
    private List<ChatMessage> _messages = settings.NewConversation();
    private IChatClient _chat = settings.CreateClient(connection.Client);

    /// <summary>Runs the conversation to the end of the input.</summary>
    /// <param name="cancellationToken">Ends it (exit code 130).</param>
    /// <returns>The exit code: 0.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        bool terminal = runner.Context.InputIsTerminal;
        if (terminal)
        {
            Notice($"Chat with {settings.Model} over {settings.Protocol}. {Commands}; Ctrl+D ends.");
        }

        while (true)
        {
            if (terminal)
            {
                _console.Write(new PlainText("> ", new Style(decoration: Decoration.Bold)));
            }

            string? line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return ExitCodes.Success;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('/'))
            {
                if (!await CommandAsync(line).ConfigureAwait(false))
                {
                    return ExitCodes.Success;
                }

                continue;
            }

            _messages.Add(new ChatMessage(ChatRole.User, line));
            try
            {
                ChatResponse response = await ChatTurn.RunAsync(runner.Context, _chat, _messages, settings, cancellationToken).ConfigureAwait(false);
                _messages.AddMessages(response);
            }
            catch (Exception ex) when (ex is NexLLMException or ArgumentException)
            {
                // The question goes too, so that the next one is not asked after an unanswered one. An ArgumentException
                // is what the library refused to send (a schema the protocol cannot carry): this turn's, not the session's.
                _messages.RemoveAt(_messages.Count - 1);
                await runner.WriteErrorAsync(ex is NexLLMException failure ? CommandRunner.Describe(failure) : ex.Message).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs a <c>/command</c>; returns <see langword="false"/> for <c>/exit</c>.</summary>
    private async Task<bool> CommandAsync(string line)
    {
        string[] words = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string argument = words.Length > 1 ? words[1] : string.Empty;
        switch (words[0].ToUpperInvariant())
        {
            case "/EXIT" or "/QUIT":
                return false;
            case "/RESET":
                _messages = settings.NewConversation();
                Notice("(conversation cleared)");
                break;
            case "/MODEL" when argument.Length == 0:
                Notice($"(model: {settings.Model})");
                break;
            case "/MODEL":
                try
                {
                    // The client first: a model id the library refuses leaves the model as it was.
                    _chat = ChatSettings.CreateClient(connection.Client, argument, settings.Protocol);
                    settings.Model = argument;
                    Notice($"(model: {settings.Model})");
                }
                catch (ArgumentException ex)
                {
                    await runner.WriteErrorAsync($"/model: {ex.Message}").ConfigureAwait(false);
                }

                break;
            case "/PROTOCOL" when argument.Length == 0:
                Notice($"(protocol: {settings.Protocol})");
                break;
            case "/PROTOCOL" when ChatSettings.Protocols.ContainsKey(argument):
                settings.Protocol = argument.ToLowerInvariant();
                _chat = settings.CreateClient(connection.Client);
                Notice($"(protocol: {settings.Protocol})");
                break;
            case "/PROTOCOL":
                await runner.WriteErrorAsync($"unknown protocol '{argument}': chat, responses, claude, gemini or auto").ConfigureAwait(false);
                break;
            case "/HELP":
                Notice(Commands);
                break;
            default:
                await runner.WriteErrorAsync($"unknown command {words[0]}: {Commands}").ConfigureAwait(false);
                break;
        }

        return true;
    }

    /// <summary>
    /// Reads a line, or stops waiting at Ctrl+C: the console's reader blocks in <c>ReadLine</c> and does not look at a
    /// token, so the read runs on its own and only the wait is cancelled.
    /// </summary>
    private Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        TextReader input = runner.Context.Input;
        return Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
    }

    private void Notice(string text) => _console.Write(new PlainText(text + "\n", Dim));
}
