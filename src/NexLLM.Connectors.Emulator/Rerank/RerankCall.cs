namespace NexLLM.Connectors.Emulator.Rerank;

/// <summary>A valid <c>POST /v1/rerank</c> request.</summary>
/// <param name="Model">The model.</param>
/// <param name="Query">The query, not empty.</param>
/// <param name="Documents">The documents' texts (a string, or the <c>text</c> of an object), at least one.</param>
/// <param name="TopN">The number of results asked for; 0 when <c>top_n</c> was not sent (Go's omitempty).</param>
/// <param name="ReturnDocuments">Whether <c>return_documents</c> is true.</param>
internal sealed record RerankCall(string Model, string Query, IReadOnlyList<string> Documents, int TopN, bool ReturnDocuments);
