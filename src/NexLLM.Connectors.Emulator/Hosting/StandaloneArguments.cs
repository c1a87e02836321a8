namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// The command line of the standalone emulator (the <c>nexllm-emulator</c> tool, or
/// <c>dotnet run --project src/NexLLM.Connectors.Emulator -- …</c>): every switch of <see cref="StandaloneSwitches"/>,
/// read into a <see cref="NexLLMEmulatorOptions"/>, the address to listen on, and whether to log or show the help.
/// </summary>
internal sealed class StandaloneArguments
{
    /// <summary>Where the standalone emulator listens unless <c>--urls</c> or <c>--port</c> says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Gets the options the switches set (all but <see cref="NexLLMEmulatorOptions.LoggerFactory"/>, which <see cref="Log"/> asks for).</summary>
    public NexLLMEmulatorOptions Options { get; } = new();

    /// <summary>Gets the Kestrel URLs to listen on, or <see langword="null"/> when <c>--port</c> binds 127.0.0.1 (<see cref="NexLLMEmulatorOptions.Port"/>).</summary>
    public string? Urls { get; internal set; } = DefaultUrls;

    /// <summary>Gets a value indicating whether <c>--port</c> was given (it excludes <c>--urls</c>).</summary>
    internal bool PortGiven { get; set; }

    /// <summary>Gets a value indicating whether <c>--urls</c> was given (it excludes <c>--port</c>).</summary>
    internal bool UrlsGiven { get; set; }

    /// <summary>Gets a value indicating whether one line per request is logged to the console.</summary>
    public bool Log { get; internal set; }

    /// <summary>Gets a value indicating whether the help was asked for.</summary>
    public bool ShowHelp { get; internal set; }

    /// <summary>Parses the arguments; <c>--name value</c> and <c>--name=value</c> are both accepted.</summary>
    /// <exception cref="FormatException">An argument is unknown, has a bad value, or conflicts with another.</exception>
    public static StandaloneArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new StandaloneArguments();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? inlineValue = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            if (arg is "-h" or "-?")
            {
                parsed.ShowHelp = true;
                continue;
            }

            var found = StandaloneSwitches.Find(arg) ?? throw new FormatException($"Unknown argument '{args[i]}'.");
            string? value = null;
            if (found.Value is not null)
            {
                value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new FormatException($"{arg} needs a value ({found.Value})."));
            }
            else if (inlineValue is not null)
            {
                throw new FormatException($"{arg} takes no value.");
            }

            found.Apply(parsed, value!);
        }

        if (parsed.PortGiven && parsed.UrlsGiven)
        {
            throw new FormatException("--port and --urls cannot be used together.");
        }

        return parsed;
    }
}
