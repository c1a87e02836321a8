using System.CommandLine;
using NexLLM.Cli.Gateway;
#if !NEXLLM_CLI_AOT
using NexLLM.Connectors.Emulator;
#endif

namespace NexLLM.Cli.Commands;

/// <summary>
/// <c>nexllm emulator [--urls ...] [--api-key ...] [--strict]</c>: the emulator of the gateway in the foreground, the same
/// server and switches as <c>nexllm-emulator</c> (any other of its switches is passed on), until Ctrl+C, which stops it
/// normally (exit code 0). The NativeAOT build has no emulator: it says to use <c>nexllm-emulator</c> (exit code 2).
/// </summary>
internal static class EmulatorCommand
{
    /// <summary>The command's name: the one command that takes <c>--api-key</c> (the key its emulator accepts).</summary>
    public const string Name = "emulator";

    /// <summary>Creates the command.</summary>
    /// <param name="runner">The shared options and error handling.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
#if NEXLLM_CLI_AOT
        // No switches to list: this build has no emulator to pass them to.
        var command = new Command(Name, "Not in this build: use nexllm-emulator (dotnet tool install -g NexLLM.Connectors.Emulator.Tool)");
        RefuseGatewayOptions(command, runner.Gateway);
        runner.SetAction(command, (_, _) => throw new UsageException(LocalEmulator.NotInThisBuild));
        return command;
#else
        var urls = new Option<string>("--urls") { Description = "Where to listen (default http://127.0.0.1:5080); several separated by ';'" };
        var port = new Option<int?>("--port") { Description = "Listen on http://127.0.0.1:<port> instead; 0 picks a free port" };
        var apiKey = new Option<string>("--api-key") { Description = "The key the emulator accepts (default sk-nexllmemulator0local)", HelpName = "key" };
        var strict = new Option<bool>("--strict") { Description = "Refuse what the real services refuse, unknown models included" };
        var models = new Option<string[]>("--model") { Description = "Add a model to the list (repeatable), e.g. my-embedder=embeddings", HelpName = "id[=types]" };
        var log = new Option<bool>("--log") { Description = "Log one line per request (never bodies)" };
        var more = new Argument<string[]>("switches")
        {
            Description = "Any other switch of nexllm-emulator, e.g. --chunk-delay 20 or --realtime-ga (nexllm-emulator --help lists them)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command(Name, "Run a local emulator of the gateway in the foreground until Ctrl+C")
        {
            more, urls, port, apiKey, strict, models, log,
        };
        RefuseGatewayOptions(command, runner.Gateway);
        runner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            List<string> args = [];
            Add(args, "--urls", parseResult.GetValue(urls));
            Add(args, "--port", parseResult.GetValue(port)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add(args, "--api-key", parseResult.GetValue(apiKey));
            foreach (string model in parseResult.GetValue(models) ?? [])
            {
                Add(args, "--model", model);
            }

            if (parseResult.GetValue(strict))
            {
                args.Add("--strict");
            }

            if (parseResult.GetValue(log))
            {
                args.Add("--log");
            }

            args.AddRange(parseResult.GetValue(more) ?? []);
            // The emulator's own errors come as a message and a hint on two lines, and a port in use as exit code 1: here
            // they become one error line, and exit code 2 (the command line asked for what cannot be: a switch, an address).
            using var errors = new StringWriter();
            int exitCode = await NexLLMEmulatorCommandLine.RunAsync(args, "nexllm emulator", runner.Context.Output.Profile.Out.Writer, errors, cancellationToken).ConfigureAwait(false);
            string[] lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (exitCode == ExitCodes.Success)
            {
                foreach (string line in lines)
                {
                    await runner.Context.Error.WriteLineAsync(line).ConfigureAwait(false);
                }

                return exitCode;
            }

            string message = lines.FirstOrDefault(line => !line.StartsWith("Run '", StringComparison.Ordinal)) ?? "the emulator did not start";
            await runner.WriteErrorAsync(exitCode == ExitCodes.UsageError ? $"{message.TrimEnd('.')} (see 'nexllm emulator --help')" : message).ConfigureAwait(false);
            return ExitCodes.UsageError;
        });
        return command;
#endif
    }

    /// <summary>
    /// Refuses the options that reach the gateway (recursive on the root, so the parser accepts them here too): the
    /// emulator is not a client of anything, and an option it would silently ignore is worse than an error.
    /// </summary>
    private static void RefuseGatewayOptions(Command command, GatewayOptions gateway) =>
        command.Validators.Add(result =>
        {
            foreach (Option option in (Option[])[gateway.ApiKeyFile, gateway.Endpoint, gateway.Emulator])
            {
                if (result.GetResult(option) is { Implicit: false })
                {
                    result.AddError($"{option.Name} does not apply to nexllm emulator (it serves; it does not connect)");
                }
            }
        });

#if !NEXLLM_CLI_AOT
    private static void Add(List<string> args, string name, string? value)
    {
        if (value is not null)
        {
            args.Add(name);
            args.Add(value);
        }
    }
#endif
}
