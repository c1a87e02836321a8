using System.Globalization;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>The command line of the standalone emulator (<c>dotnet run --project src/NexLLM.Connectors.Emulator -- …</c>).</summary>
internal sealed class StandaloneArguments
{
    public const string Usage = """
        Usage: dotnet run --project src/NexLLM.Connectors.Emulator -- [options]

          --urls <urls>             where to listen (default http://127.0.0.1:5080), e.g. http://127.0.0.1:5099
          --api-key <key>           the key to accept (default sk-nexllmemulator0local; no '-' after 'sk-')
          --chunk-delay <ms>        pause between streamed events, in milliseconds (default 0)
          --ping-interval <ms>      send ': PING' keep-alive comments on silent streams (default off)
          --strict                  refuse what the real services refuse (includes --reject-unknown-models)
          --reject-unknown-models   answer 503 model_not_found for models not in the list
          --claude-blank-lines      end /v1/messages stream events with an extra blank line, like new-api
          --gemini-converted-stream stream Gemini answers as new-api converts them from an OpenAI channel
          --log                     log one line per request to the console
          --help                    show this help
        """;

    public string Urls { get; private set; } = "http://127.0.0.1:5080";

    public string? ApiKey { get; private set; }

    public TimeSpan ChunkDelay { get; private set; }

    public TimeSpan? PingInterval { get; private set; }

    public bool RejectUnknownModels { get; private set; }

    public bool Strict { get; private set; }

    public bool ClaudeBlankLines { get; private set; }

    public bool GeminiConvertedStream { get; private set; }

    public bool Log { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>Parses the arguments; <c>--name value</c> and <c>--name=value</c> are both accepted.</summary>
    /// <exception cref="FormatException">An argument is unknown or has a bad value.</exception>
    public static StandaloneArguments Parse(IReadOnlyList<string> args)
    {
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

            string Value() => inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new FormatException($"{arg} needs a value."));

            switch (arg)
            {
                case "--urls":
                    parsed.Urls = Value();
                    break;
                case "--api-key":
                    parsed.ApiKey = Value();
                    break;
                case "--chunk-delay":
                    parsed.ChunkDelay = Milliseconds(arg, Value());
                    break;
                case "--ping-interval":
                    parsed.PingInterval = Milliseconds(arg, Value());
                    break;
                case "--reject-unknown-models":
                    parsed.RejectUnknownModels = true;
                    break;
                case "--strict":
                    parsed.Strict = true;
                    break;
                case "--claude-blank-lines":
                    parsed.ClaudeBlankLines = true;
                    break;
                case "--gemini-converted-stream":
                    parsed.GeminiConvertedStream = true;
                    break;
                case "--log":
                    parsed.Log = true;
                    break;
                case "--help" or "-h" or "-?":
                    parsed.ShowHelp = true;
                    break;
                default:
                    throw new FormatException($"Unknown argument '{args[i]}'.");
            }
        }

        return parsed;
    }

    private static TimeSpan Milliseconds(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw new FormatException($"{name} takes a positive number of milliseconds (got '{value}').");
}
