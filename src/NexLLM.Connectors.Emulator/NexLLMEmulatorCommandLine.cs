using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator;

/// <summary>
/// The standalone emulator: parses a command line, runs the emulator in the foreground and prints its endpoint and key.
/// The <c>nexllm-emulator</c> tool (package <c>NexLLM.Connectors.Emulator.Tool</c>) and
/// <c>dotnet run --project src/NexLLM.Connectors.Emulator</c> both run it; <c>--help</c> lists every switch.
/// </summary>
public static class NexLLMEmulatorCommandLine
{
    /// <summary>Runs the emulator until Ctrl+C or SIGTERM, writing to the console.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="command">The command as the user typed it, for the help (e.g. <c>nexllm-emulator</c>).</param>
    /// <returns>0 when the emulator ran and stopped (or the help was shown), 1 when it could not start, 2 for bad arguments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    public static async Task<int> RunConsoleAsync(IReadOnlyList<string> args, string command)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        return await RunAsync(args, command, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
    }

    /// <summary>Runs the emulator until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="command">The command as the user typed it, for the help (e.g. <c>nexllm-emulator</c>).</param>
    /// <param name="output">Where the endpoint, the key and the help go.</param>
    /// <param name="error">Where argument and start errors go.</param>
    /// <param name="cancellationToken">Stops the emulator.</param>
    /// <returns>0 when the emulator ran and stopped (or the help was shown), 1 when it could not start, 2 for bad arguments.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, string command, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        StandaloneArguments arguments;
        try
        {
            arguments = StandaloneArguments.Parse(args);
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            await error.WriteLineAsync($"Run '{command} --help' for the options.").ConfigureAwait(false);
            return 2;
        }

        if (arguments.ShowHelp)
        {
            await output.WriteAsync(StandaloneHelp.Text(command)).ConfigureAwait(false);
            return 0;
        }

        using var loggerFactory = arguments.Log
            ? LoggerFactory.Create(logging => logging
                .AddFilter("Microsoft", LogLevel.Warning) // one line per request: ours, not ASP.NET Core's
                .AddSimpleConsole(console => console.SingleLine = true))
            : null;
        arguments.Options.LoggerFactory = loggerFactory;
        try
        {
            var emulator = await NexLLMEmulator.StartCoreAsync(arguments.Options, arguments.Urls, cancellationToken).ConfigureAwait(false);
            await using (emulator.ConfigureAwait(false))
            {
                await output.WriteLineAsync($"NexLLM emulator listening: endpoint {emulator.Endpoint}").ConfigureAwait(false);
                await output.WriteLineAsync($"API key: {emulator.ApiKey}   (Ctrl+C to stop)").ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped before it had started: nothing to report.
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException)
        {
            await error.WriteLineAsync($"The emulator could not start: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }
}
