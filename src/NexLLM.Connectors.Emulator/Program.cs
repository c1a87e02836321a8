using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator;

/// <summary>The standalone emulator: runs in the foreground, prints its endpoint and key, stops on Ctrl+C or SIGTERM.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        StandaloneArguments arguments;
        try
        {
            arguments = StandaloneArguments.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(StandaloneArguments.Usage).ConfigureAwait(false);
            return 2;
        }

        if (arguments.ShowHelp)
        {
            Console.WriteLine(StandaloneArguments.Usage);
            return 0;
        }

        using var loggerFactory = arguments.Log
            ? LoggerFactory.Create(logging => logging
                .AddFilter("Microsoft", LogLevel.Warning) // one line per request: ours, not ASP.NET Core's
                .AddSimpleConsole(console => console.SingleLine = true))
            : null;
        var options = new NexLLMEmulatorOptions
        {
            StreamChunkDelay = arguments.ChunkDelay,
            PingInterval = arguments.PingInterval,
            RejectUnknownModels = arguments.RejectUnknownModels,
            Strict = arguments.Strict,
            ClaudeStreamExtraBlankLines = arguments.ClaudeBlankLines,
            GeminiConvertedStream = arguments.GeminiConvertedStream,
            LoggerFactory = loggerFactory,
        };
        if (arguments.ApiKey is not null)
        {
            options.ApiKey = arguments.ApiKey;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });

        try
        {
            var emulator = await NexLLMEmulator.StartCoreAsync(options, arguments.Urls, CancellationToken.None).ConfigureAwait(false);
            await using (emulator.ConfigureAwait(false))
            {
                Console.WriteLine($"NexLLM emulator listening: endpoint {emulator.Endpoint}");
                Console.WriteLine($"API key: {emulator.ApiKey}   (Ctrl+C to stop)");
                await stop.Task.ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"The emulator could not start: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }
}
