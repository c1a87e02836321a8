using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>A validated, immutable snapshot of <see cref="NexLLMEmulatorOptions"/>, taken when the emulator starts.</summary>
internal sealed class EmulatorSettings
{
    private EmulatorSettings(NexLLMEmulatorOptions options, string tokenKey)
    {
        ApiKey = options.ApiKey;
        TokenKey = tokenKey;
        Port = options.Port;
        Models = [.. options.Models];
        StreamChunkDelay = options.StreamChunkDelay;
        PingInterval = options.PingInterval;
        ToolCallIndexBase = options.ToolCallIndexBase;
        ReasoningField = options.ReasoningField;
        Strict = options.Strict;
        RejectUnknownModels = options.RejectUnknownModels || options.Strict;
        ClaudeStreamExtraBlankLines = options.ClaudeStreamExtraBlankLines;
        GeminiConvertedStream = options.GeminiConvertedStream;
        RerankTopN = options.RerankTopN;
        RerankDocumentsAsStrings = options.RerankDocumentsAsStrings;
        CompletionsThroughNewApiStruct = options.CompletionsThroughNewApiStruct;
        MaxRequestBodyBytes = options.MaxRequestBodyBytes;
        RealtimeGaEvents = options.RealtimeGaEvents;
        LoggerFactory = options.LoggerFactory;
    }

    /// <summary>Gets the key as configured (what <see cref="NexLLMEmulator.ApiKey"/> returns).</summary>
    public string ApiKey { get; }

    /// <summary>Gets the key as new-api compares it: without <c>sk-</c>.</summary>
    public string TokenKey { get; }

    public int Port { get; }

    public IReadOnlyList<EmulatorModel> Models { get; }

    public TimeSpan StreamChunkDelay { get; }

    public TimeSpan? PingInterval { get; }

    public int ToolCallIndexBase { get; }

    public string ReasoningField { get; }

    public bool RejectUnknownModels { get; }

    /// <summary>Gets whether the checks of strict mode are on (<see cref="NexLLMEmulatorOptions.Strict"/>).</summary>
    public bool Strict { get; }

    public bool ClaudeStreamExtraBlankLines { get; }

    public bool GeminiConvertedStream { get; }

    public EmulatorRerankTopN RerankTopN { get; }

    public bool RerankDocumentsAsStrings { get; }

    public bool CompletionsThroughNewApiStruct { get; }

    public long MaxRequestBodyBytes { get; }

    public bool RealtimeGaEvents { get; }

    public ILoggerFactory? LoggerFactory { get; }

    public bool IsKnownModel(string model) => FindModel(model) is not null;

    /// <summary>The listed model with this id, or <see langword="null"/>.</summary>
    public EmulatorModel? FindModel(string? model) => Models.FirstOrDefault(m => string.Equals(m.Id, model, StringComparison.Ordinal));

    /// <summary>Validates the options and snapshots them.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static EmulatorSettings From(NexLLMEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string tokenKey = ValidateApiKey(options);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"{nameof(NexLLMEmulatorOptions.Port)} must be between 0 and 65535.", nameof(options));
        }

        if (options.StreamChunkDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(NexLLMEmulatorOptions.StreamChunkDelay)} must not be negative.", nameof(options));
        }

        if (options.PingInterval is { } ping && ping <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(NexLLMEmulatorOptions.PingInterval)} must be positive when set.", nameof(options));
        }

        if (options.ToolCallIndexBase < 0)
        {
            throw new ArgumentException($"{nameof(NexLLMEmulatorOptions.ToolCallIndexBase)} must not be negative.", nameof(options));
        }

        if (options.ReasoningField is not (NexLLMEmulatorOptions.ReasoningContentField or NexLLMEmulatorOptions.OpenRouterReasoningField))
        {
            throw new ArgumentException(
                $"{nameof(NexLLMEmulatorOptions.ReasoningField)} must be \"{NexLLMEmulatorOptions.ReasoningContentField}\" or \"{NexLLMEmulatorOptions.OpenRouterReasoningField}\".",
                nameof(options));
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            throw new ArgumentException($"{nameof(NexLLMEmulatorOptions.MaxRequestBodyBytes)} must be positive.", nameof(options));
        }

        if (!Enum.IsDefined(options.RerankTopN))
        {
            throw new ArgumentException($"{nameof(NexLLMEmulatorOptions.RerankTopN)} is not a defined value.", nameof(options));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in options.Models)
        {
            if (model is null || string.IsNullOrWhiteSpace(model.Id) || model.OwnedBy is null || model.SupportedEndpointTypes is null)
            {
                throw new ArgumentException("Every model needs an id, an owner and a list of endpoint types.", nameof(options));
            }

            if (!ids.Add(model.Id))
            {
                throw new ArgumentException($"The model '{model.Id}' is listed twice.", nameof(options));
            }

            if (model.EmbeddingDimensions is <= 0)
            {
                throw new ArgumentException($"The model '{model.Id}' needs a positive {nameof(EmulatorModel.EmbeddingDimensions)} when it has one.", nameof(options));
            }

            if (model.ThinkingBudget is { } budget && (budget.Min < 1 || budget.Max < budget.Min))
            {
                throw new ArgumentException($"The model '{model.Id}' needs a {nameof(EmulatorModel.ThinkingBudget)} with 1 <= Min <= Max.", nameof(options));
            }
        }

        return new EmulatorSettings(options, tokenKey);
    }

    // new-api strips "sk-" and splits on '-': anything after a dash is a channel pin (docs/protocols/gateway.md#authentication), so such a key
    // could never authenticate. Fail at start with a clear message instead of answering 403 to every request.
    private static string ValidateApiKey(NexLLMEmulatorOptions options)
    {
        string? apiKey = options.ApiKey;
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException($"{nameof(NexLLMEmulatorOptions.ApiKey)} must not be empty.", nameof(options));
        }

        string tokenKey = apiKey.StartsWith("sk-", StringComparison.Ordinal) ? apiKey[3..] : apiKey;
        if (tokenKey.Length == 0 || tokenKey.Contains('-', StringComparison.Ordinal) || tokenKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException(
                $"{nameof(NexLLMEmulatorOptions.ApiKey)} must be 'sk-' followed by letters and digits, with no '-', space or control character: " +
                "the gateway reads the text after a second '-' as a channel pin (docs/protocols/gateway.md#authentication).",
                nameof(options));
        }

        return tokenKey;
    }
}
