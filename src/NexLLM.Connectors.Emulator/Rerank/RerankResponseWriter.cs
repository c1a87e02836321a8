using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Rerank;

/// <summary>
/// Writes the answer of <c>POST /v1/rerank</c> as new-api re-serialises it (docs/protocols/rerank.md): only <c>results</c> (most
/// relevant first, each <c>document</c>, <c>index</c>, <c>relevance_score</c>) and new-api's full <c>usage</c> object;
/// <c>document</c> only when documents are returned.
/// </summary>
internal static class RerankResponseWriter
{
    public static byte[] Write(RerankCall call, IReadOnlyList<(int Index, double Score)> ranked, bool returnDocuments, bool documentsAsStrings) => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("results");
        foreach (var (index, score) in ranked)
        {
            w.WriteStartObject();
            if (returnDocuments)
            {
                // Jina and Cohere v1 answer {"text": …}; the Xinference path answers a plain string.
                if (documentsAsStrings)
                {
                    w.WriteString("document", call.Documents[index]);
                }
                else
                {
                    w.WriteStartObject("document");
                    w.WriteString("text", call.Documents[index]);
                    w.WriteEndObject();
                }
            }

            w.WriteNumber("index", index);
            w.WriteNumber("relevance_score", score);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        // Jina-style upstreams bill the query and every document as prompt tokens (prompt_tokens = total_tokens).
        int tokens = TokenEstimator.Tokens(call.Query) + call.Documents.Sum(TokenEstimator.Tokens);
        GatewayUsageWriter.Write(w, new ChatUsage(tokens, 0, 0, 0, 0));
        w.WriteEndObject();
    });
}
