using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Rerank.JinaRerank;

/// <summary>
/// The answer of <c>POST /v1/rerank</c>: new-api re-serialises it to <c>results</c> and <c>usage</c> only (docs/protocols/rerank.md);
/// a provider reached directly may add <c>model</c>. Unknown fields are ignored.
/// </summary>
internal sealed class JinaRerankResponse
{
    public List<JinaRerankItem?>? Results { get; init; }

    public JinaRerankUsage? Usage { get; init; }

    public string? Model { get; init; }

    /// <summary>Gets an error object some servers put in a 200 body.</summary>
    public JsonElement? Error { get; init; }
}

/// <summary>One scored document, pointing at the input by <c>index</c>.</summary>
internal sealed class JinaRerankItem
{
    public int? Index { get; init; }

    public double? RelevanceScore { get; init; }

    /// <summary>Gets the document's text: <c>{"text": …}</c> (Jina, Cohere v1) or a plain string (Xinference); absent unless asked for.</summary>
    [JsonConverter(typeof(RerankDocumentConverter))]
    public string? Document { get; init; }
}

/// <summary>new-api's usage object; only the OpenAI counts are read (its extras are ignored, docs/protocols/gateway.md#gotchas).</summary>
internal sealed class JinaRerankUsage
{
    public long? PromptTokens { get; init; }

    public long? CompletionTokens { get; init; }

    public long? TotalTokens { get; init; }
}
