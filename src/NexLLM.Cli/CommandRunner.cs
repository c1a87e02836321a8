using System.CommandLine;
using NexLLM.Cli.Gateway;
using NexLLM.Cli.Output;
using NexLLM.Connectors;

namespace NexLLM.Cli;

/// <summary>
/// What every command shares: the context, the gateway options, and the one place where what went wrong becomes a line
/// on standard error and an exit code.
/// </summary>
internal sealed class CommandRunner
{
    /// <summary>Initializes a new instance of the <see cref="CommandRunner"/> class.</summary>
    /// <param name="context">What the commands write to and read from.</param>
    /// <param name="gateway">The options that reach the gateway.</param>
    public CommandRunner(CliContext context, GatewayOptions gateway)
    {
        Context = context;
        Gateway = gateway;
    }

    /// <summary>Gets what the commands write to and read from.</summary>
    public CliContext Context { get; }

    /// <summary>Gets the options that reach the gateway.</summary>
    public GatewayOptions Gateway { get; }

    /// <summary>Sets a command's action: connect (or fail at once without a key), run, map failures to exit codes.</summary>
    /// <param name="command">The command.</param>
    /// <param name="action">What the command does with the connection; returns the exit code.</param>
    public void SetGatewayAction(Command command, Func<ParseResult, GatewayConnection, CancellationToken, Task<int>> action) =>
        SetAction(command, async (parseResult, cancellationToken) =>
        {
            GatewayConnection connection = await Gateway.ConnectAsync(parseResult, Context, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await action(parseResult, connection, cancellationToken).ConfigureAwait(false);
            }
        });

    /// <summary>Sets a command's action, mapping failures to exit codes.</summary>
    /// <param name="command">The command.</param>
    /// <param name="action">What the command does; returns the exit code.</param>
    public void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await action(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await WriteErrorAsync("cancelled").ConfigureAwait(false);
                return ExitCodes.Cancelled;
            }
            catch (NexLLMException ex)
            {
                await WriteErrorAsync(Describe(ex)).ConfigureAwait(false);
                return ExitCodes.GatewayFailed;
            }
            catch (ArgumentException ex)
            {
                // What the library refuses before it sends anything (an empty model id, a schema it cannot convert, an
                // empty upload): the command line asked for it. The commands check what they can first, naming the option.
                await WriteErrorAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.UsageError;
            }
            catch (UsageException ex)
            {
                await WriteErrorAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.UsageError;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file that cannot be read or written: the command line named it.
                await WriteErrorAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.UsageError;
            }
        });

    /// <summary>The one line for a gateway failure: <c>&lt;Kind&gt; (HTTP &lt;status&gt;): &lt;message&gt;</c>.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>The line, without the <c>error: </c> prefix.</returns>
    public static string Describe(NexLLMException exception)
    {
        string status = exception.StatusCode is { } code ? $" (HTTP {code})" : string.Empty;
        return $"{exception.Kind}{status}: {exception.Message}";
    }

    /// <summary>
    /// Writes <c>error: </c> and the message as one line on standard error, secrets redacted and control characters (a
    /// server's message may hold escape sequences) replaced.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <returns>A task that completes when the line is written.</returns>
    public Task WriteErrorAsync(string message) => WriteErrorAsync(Context, message);

    /// <inheritdoc cref="WriteErrorAsync(string)"/>
    /// <param name="context">Where the line goes and the secrets it must not show.</param>
    /// <param name="message">The message.</param>
    public static Task WriteErrorAsync(CliContext context, string message) =>
        context.Error.WriteLineAsync("error: " + PlainText.Sanitize(context.Redact(OneLine(message))));

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
