namespace NexLLM.Connectors.Rerank.JinaRerank;

/// <summary>The body of <c>POST /v1/rerank</c> (docs/protocols/rerank.md), in the field order of the gateway's own example.</summary>
internal sealed class JinaRerankRequest
{
    public required string Model { get; init; }

    public required string Query { get; init; }

    public required IReadOnlyList<string> Documents { get; init; }

    /// <summary>Gets the number of results: always sent, because new-api's Cohere path defaults it to 1 (docs/protocols/rerank.md#gotchas).</summary>
    public required int TopN { get; init; }

    public required bool ReturnDocuments { get; init; }
}
