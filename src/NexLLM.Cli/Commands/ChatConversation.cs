using Microsoft.Extensions.AI;
using NexLLM.Cli.Gateway;
using NexLLM.Cli.Output;
using NexLLM.Connectors;
using Spectre.Console;

namespace NexLLM.Cli.Commands;

/// <summary>
/// <c>nexllm chat</c> without a prompt: a conversation, one line in, one streamed answer out, the history kept. Lines
/// that start with <c>/</c> are commands: <c>/reset</c>, <c>/model [id]</c>, <c>/protocol [name]</c>, <c>/help</c>,
/// <c>/exit</c>. It ends at the end of the input (Ctrl+D), <c>/exit</c> or Ctrl+C at the prompt; a failed or cancelled
/// turn prints its error (or notice) and the conversation goes on.
/// </summary>
internal sealed class ChatConversation(CommandRunner runner, GatewayConnection connection, ChatSettings settings)
{
    private const string Commands = "/reset, /model <id>, /protocol <chat|responses|claude|gemini|auto>, /help, /exit";
    private static readonly Style Dim = new(decoration: Decoration.Dim);
    private readonly IAnsiConsole _console = runner.Context.Output;
    private List<ChatMessage> _messages = settings.NewConversation();
    private IChatClient _chat = settings.CreateClient(connection.Client);
    private CancellationTokenSource? _turn;

    /// <summary>
    /// Runs the conversation to the end of the input. Where the caller offers Ctrl+C (<see cref="CliContext.Interrupts"/>),
    /// Ctrl+C during an answer cancels that answer only, and the conversation goes on; at the prompt, or a second time
    /// during an answer, it ends the conversation (exit code 130).
    /// </summary>
    /// <param name="cancellationToken">Ends it (exit code 130).</param>
    /// <returns>The exit code: 0, or 130 when ended by Ctrl+C.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using IDisposable? interrupts = runner.Context.Interrupts?.Subscribe(() => Interrupt(session));
        try
        {
            return await ConverseAsync(session.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Ended by our own Ctrl+C handling (the command line's own comes as cancellationToken, reported by CommandRunner).
            await runner.WriteErrorAsync("cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>Ctrl+C: cancels the answer being written, if any and not cancelled yet; else ends the conversation.</summary>
    private void Interrupt(CancellationTokenSource session)
    {
        CancellationTokenSource? turn = Volatile.Read(ref _turn);
        try
        {
            if (turn is { IsCancellationRequested: false })
            {
                turn.Cancel();
                return;
            }
        }
        catch (ObjectDisposedException)
        {
            // The turn ended as the key was pressed: the prompt is next, so this Ctrl+C ends the conversation.
        }

        session.Cancel();
    }

    private async Task<int> ConverseAsync(CancellationToken cancellationToken)
    {
        bool terminal = runner.Context.InputIsTerminal;
        if (terminal)
        {
            string interrupt = runner.Context.Interrupts is null ? string.Empty : " Ctrl+C stops an answer;";
            Notice($"Chat with {settings.Model} over {settings.Protocol}. {Commands};{interrupt} Ctrl+D ends.");
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
            using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Volatile.Write(ref _turn, turn);
            try
            {
                ChatResponse response = await ChatTurn.RunAsync(runner.Context, _chat, _messages, settings, turn.Token).ConfigureAwait(false);
                _messages.AddMessages(response);
            }
            catch (Exception ex) when (ex is NexLLMException or ArgumentException)
            {
                // The question goes too, so that the next one is not asked after an unanswered one. An ArgumentException
                // is what the library refused to send (a schema the protocol cannot carry): this turn's, not the session's.
                _messages.RemoveAt(_messages.Count - 1);
                await runner.WriteErrorAsync(ex is NexLLMException failure ? CommandRunner.Describe(failure) : ex.Message).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (turn.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C during the answer: this answer only. The question goes, as after a failure.
                _messages.RemoveAt(_messages.Count - 1);
                runner.Context.ErrorOutput.Write(new PlainText("(answer cancelled)\n", Dim));
            }
            finally
            {
                Volatile.Write(ref _turn, null);
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
