using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>docs/guides/rag.md, on the client of the README's "Use it" (in the tests, the emulator's).</summary>
internal static class RagSnippets
{
    /// <summary>Embeds passages, retrieves the closest to a question and reranks them; then the same retrieval on Gemini.</summary>
    public static async Task RetrieveAndRerankAsync(NexLLMClient nexllm)
    {
        // <snippet:rag-retrieve-rerank>
        string[] passages =
        [
            "The client retries a rate-limited request twice, waiting for the server's Retry-After hint.",
            "Streams that end without a finish reason are reported as truncated.",
            "The API key is never written to a URL, an exception or a log line.",
            "Embeddings travel as base64 and are decoded straight into float arrays.",
        ];
        string question = "How often is a rate-limited request retried?";

        IEmbeddingGenerator<string, Embedding<float>> embedder = nexllm.GetEmbeddingGenerator("text-embedding-3-small", dimensions: 512);
        GeneratedEmbeddings<Embedding<float>> vectors = await embedder.GenerateAsync(passages);   // one request, in input order
        Embedding<float> query = await embedder.GenerateAsync(question);

        // Retrieve: the three passages closest to the question (an in-memory stand-in for a vector store).
        string[] candidates = [.. passages
            .Select((text, i) => (text, similarity: TensorPrimitives.CosineSimilarity(query.Vector.Span, vectors[i].Vector.Span)))
            .OrderByDescending(p => p.similarity)
            .Take(3)
            .Select(p => p.text)];

        // Rerank: the reranker reads question and passage together; keep the best two.
        IRerankClient reranker = nexllm.GetRerankClient("jina-reranker-v2-base-multilingual");
        RerankResponse ranked = await reranker.RerankAsync(question, candidates, new RerankOptions { TopN = 2 });
        foreach (RerankResult result in ranked.Results)   // most relevant first
        {
            Console.WriteLine($"{result.RelevanceScore:0.000}  {candidates[result.Index]}");
        }
        // </snippet:rag-retrieve-rerank>

        // <snippet:rag-gemini>
        IEmbeddingGenerator<string, Embedding<float>> gemini =
            nexllm.GetEmbeddingGenerator("gemini-embedding-001", NexLLMEmbeddingProtocol.GeminiEmbedContent, dimensions: 768);
        GeneratedEmbeddings<Embedding<float>> documents = await gemini.GenerateAsync(
            passages, new EmbeddingGenerationOptions().WithGeminiTaskType(NexLLMGeminiTaskType.RetrievalDocument));
        Embedding<float> asked = await gemini.GenerateAsync(
            question, new EmbeddingGenerationOptions().WithGeminiTaskType(NexLLMGeminiTaskType.RetrievalQuery));
        Console.WriteLine($"{documents.Count} documents and a query of {asked.Vector.Length} dimensions");
        // </snippet:rag-gemini>
    }
}
