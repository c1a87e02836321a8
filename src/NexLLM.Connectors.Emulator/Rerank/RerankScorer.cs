using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Rerank;

/// <summary>
/// Relevance from the same lexical similarity as the embeddings: the cosine of the query's and the document's
/// <see cref="EmbeddingEngine"/> vectors, floored at 0, so a document sharing the query's words (or word pieces) scores
/// high and an unrelated one close to 0 — the 0-to-1 scale Jina's and Cohere's rerankers use.
/// </summary>
internal static class RerankScorer
{
    private const int Dimensions = 1024;

    public static IReadOnlyList<(int Index, double Score)> Rank(string query, IReadOnlyList<string> documents)
    {
        float[] q = EmbeddingEngine.Embed(query, Dimensions);
        return documents
            .Select((document, index) => (Index: index, Score: Math.Round(Math.Max(0, Dot(q, EmbeddingEngine.Embed(document, Dimensions))), 6)))
            .OrderByDescending(static r => r.Score)
            .ThenBy(static r => r.Index)
            .ToList();
    }

    // Both vectors have unit length, so their dot product is their cosine.
    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }
}
