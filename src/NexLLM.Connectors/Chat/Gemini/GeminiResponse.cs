using System.Text.Json;

namespace NexLLM.Connectors.Chat.Gemini;

// A generateContent response, or one chunk of a stream (docs/protocols/gemini.md): passed through unchanged by new-api from a
// Gemini channel. Only what we map is declared.

internal sealed class GeminiResponse
{
    public List<GeminiCandidate>? Candidates { get; set; }

    /// <summary>Gets or sets why the prompt was blocked: then there are no candidates.</summary>
    public GeminiPromptFeedback? PromptFeedback { get; set; }

    public GeminiUsage? UsageMetadata { get; set; }

    public string? ModelVersion { get; set; }

    public string? ResponseId { get; set; }

    /// <summary>Gets or sets an error object inside a stream (Google's shape, or the gateway's OpenAI shape).</summary>
    public JsonElement? Error { get; set; }
}

internal sealed class GeminiCandidate
{
    public GeminiContent? Content { get; set; }

    public string? FinishReason { get; set; }

    public int? Index { get; set; }

    public JsonElement? SafetyRatings { get; set; }

    public JsonElement? GroundingMetadata { get; set; }
}

internal sealed class GeminiPromptFeedback
{
    public string? BlockReason { get; set; }

    public JsonElement? SafetyRatings { get; set; }
}

/// <summary>
/// Usage: <c>promptTokenCount</c> includes cached tokens; <c>candidatesTokenCount</c> excludes thoughts; in a stream the
/// last chunk's counts are the totals (cumulative, never summed: docs/protocols/gemini.md, docs/protocols/gateway.md#gotchas).
/// </summary>
internal sealed class GeminiUsage
{
    public long? PromptTokenCount { get; set; }

    public long? CandidatesTokenCount { get; set; }

    public long? TotalTokenCount { get; set; }

    public long? CachedContentTokenCount { get; set; }

    public long? ThoughtsTokenCount { get; set; }

    public long? ToolUsePromptTokenCount { get; set; }

    /// <summary>Gets or sets the prompt's tokens by modality (<c>TEXT</c>, <c>AUDIO</c>, <c>IMAGE</c>, <c>VIDEO</c>, <c>DOCUMENT</c>).</summary>
    public List<GeminiModalityTokenCount?>? PromptTokensDetails { get; set; }

    /// <summary>Gets or sets the answer's tokens by modality.</summary>
    public List<GeminiModalityTokenCount?>? CandidatesTokensDetails { get; set; }
}

/// <summary>A token count of one modality (<c>ModalityTokenCount</c>: docs/protocols/gemini.md).</summary>
internal sealed class GeminiModalityTokenCount
{
    public string? Modality { get; set; }

    public long? TokenCount { get; set; }
}
