using System.Globalization;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Every switch of the standalone emulator, in the order of its help: the parser and the help text read this one table,
/// so a switch cannot be accepted without being documented. Each option of <see cref="NexLLMEmulatorOptions"/> has one.
/// </summary>
internal static class StandaloneSwitches
{
    /// <summary>The general switches.</summary>
    public static IReadOnlyList<StandaloneSwitch> General { get; } =
    [
        new("--urls", "<urls>", $"where to listen (default {StandaloneArguments.DefaultUrls}); several separated by ';'", static (a, v) =>
        {
            a.Urls = v;
            a.UrlsGiven = true;
        }),
        new("--port", "<port>", "listen on http://127.0.0.1:<port> instead; 0 picks a free port (printed at start)", static (a, v) =>
        {
            a.Options.Port = Integer("--port", v, 0, 65535);
            a.Urls = null;
            a.PortGiven = true;
        }),
        new("--api-key", "<key>", $"the key to accept (default {NexLLMEmulatorOptions.DefaultApiKey}); 'sk-' then letters and digits, no '-'", static (a, v) => a.Options.ApiKey = v),
        new("--model", "<id>[=<types>]", "add a model to the list (repeatable); <types>: new-api endpoint types joined by ',' (default openai), e.g. my-embedder=embeddings", static (a, v) => AddModel(a.Options, v)),
        new("--chunk-delay", "<ms>", "pause between streamed events, in milliseconds (default 0)", static (a, v) => a.Options.StreamChunkDelay = Milliseconds("--chunk-delay", v)),
        new("--ping-interval", "<ms>", "send ': PING' keep-alive comments on silent streams, as new-api can (default off)", static (a, v) => a.Options.PingInterval = Milliseconds("--ping-interval", v)),
        new("--strict", null, "refuse what the real services refuse (see Strict mode below); includes --reject-unknown-models", static (a, _) => a.Options.Strict = true),
        new("--reject-unknown-models", null, "answer 503 model_not_found for models not in the list, as new-api's distributor", static (a, _) => a.Options.RejectUnknownModels = true),
        new("--log", null, "log one line per request to the console (never bodies)", static (a, _) => a.Log = true),
        new("--help", null, "show this help (also -h, -?)", static (a, _) => a.ShowHelp = true),
    ];

    /// <summary>The switches of gateway quirks, off by default.</summary>
    public static IReadOnlyList<StandaloneSwitch> Quirks { get; } =
    [
        new("--claude-blank-lines", null, "end /v1/messages stream events with one more blank line, as new-api passes Claude events through", static (a, _) => a.Options.ClaudeStreamExtraBlankLines = true),
        new("--gemini-converted-stream", null, "stream Gemini answers as new-api converts them from an OpenAI-compatible channel", static (a, _) => a.Options.GeminiConvertedStream = true),
        new("--tool-call-index-base", "<n>", "number streamed chat tool calls n, n+2, n+4... as new-api's Claude conversion does (default 0: 0, 1, 2...)", static (a, v) => a.Options.ToolCallIndexBase = Integer("--tool-call-index-base", v, 0, 1000)),
        new("--reasoning-field", "reasoning_content|reasoning", "the chat completions reasoning field: DeepSeek style (default) or OpenRouter style", static (a, v) => a.Options.ReasoningField = v switch
        {
            NexLLMEmulatorOptions.ReasoningContentField or NexLLMEmulatorOptions.OpenRouterReasoningField => v,
            _ => throw new FormatException($"--reasoning-field takes reasoning_content or reasoning (got '{v}')."),
        }),
        new("--rerank-top-n", "honoured|cohere-defaults|ignored", "how /v1/rerank treats top_n: Jina (default), new-api's Cohere channel (no top_n: one result), or ignored", static (a, v) => a.Options.RerankTopN = v switch
        {
            "honoured" => EmulatorRerankTopN.Honoured,
            "cohere-defaults" => EmulatorRerankTopN.CohereDefaults,
            "ignored" => EmulatorRerankTopN.Ignored,
            _ => throw new FormatException($"--rerank-top-n takes honoured, cohere-defaults or ignored (got '{v}')."),
        }),
        new("--rerank-documents-as-strings", null, "answer each rerank document as a plain string (new-api's Xinference path) instead of {\"text\": ...}", static (a, _) => a.Options.RerankDocumentsAsStrings = true),
        new("--completions-new-api-struct", null, "read /v1/completions as new-api's struct does: numeric logprobs refused (500), echo and best_of lost", static (a, _) => a.Options.CompletionsThroughNewApiStruct = true),
        new("--realtime-ga", null, "speak the generally available realtime protocol on /v1/realtime instead of the beta one new-api relays", static (a, _) => a.Options.RealtimeGaEvents = true),
        new("--max-request-body-mb", "<n>", "the largest request body in MiB, as new-api's MAX_REQUEST_BODY_MB (default 32); above it: 413", static (a, v) => a.Options.MaxRequestBodyBytes = Integer("--max-request-body-mb", v, 1, 1024 * 1024) * 1024L * 1024),
    ];

    /// <summary>Every switch.</summary>
    public static IEnumerable<StandaloneSwitch> All => General.Concat(Quirks);

    /// <summary>The switch with this name, or <see langword="null"/>.</summary>
    public static StandaloneSwitch? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    private static void AddModel(NexLLMEmulatorOptions options, string value)
    {
        int equals = value.IndexOf('=', StringComparison.Ordinal);
        string id = (equals < 0 ? value : value[..equals]).Trim();
        string[] types = equals < 0 ? ["openai"] : value[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (id.Length == 0 || types.Length == 0)
        {
            throw new FormatException($"--model takes <id>[=<types>], e.g. my-model or my-embedder=embeddings (got '{value}').");
        }

        if (options.Models.Any(m => string.Equals(m.Id, id, StringComparison.Ordinal)))
        {
            throw new FormatException($"--model: '{id}' is already in the model list.");
        }

        options.Models.Add(new EmulatorModel(id, "custom", types));
    }

    private static int Integer(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= min && number <= max
            ? number
            : throw new FormatException($"{name} takes a whole number from {min} to {max} (got '{value}').");

    private static TimeSpan Milliseconds(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw new FormatException($"{name} takes a positive number of milliseconds (got '{value}').");
}
