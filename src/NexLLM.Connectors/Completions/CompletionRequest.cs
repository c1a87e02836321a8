using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Completions;

// Wire types of POST /v1/completions, request side (docs/protocols/completions.md#request). Property names are snake_case
// through the JSON context; nulls are not written. Declaration order is the order on the wire.

internal sealed class CompletionRequest
{
    public required string Model { get; set; }

    [JsonConverter(typeof(CompletionPromptConverter))]
    public required CompletionPrompt Prompt { get; set; }

    public bool? Stream { get; set; }

    public CompletionStreamOptions? StreamOptions { get; set; }

    public string? Suffix { get; set; }

    public int? MaxTokens { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public int? N { get; set; }

    public IList<string>? Stop { get; set; }

    public bool? Echo { get; set; }

    public int? Logprobs { get; set; }

    public long? Seed { get; set; }

    public string? User { get; set; }
}

internal sealed class CompletionStreamOptions
{
    public bool IncludeUsage { get; set; }
}
