namespace NexLLM.Connectors;

/// <summary>The wire format an embedding generator speaks.</summary>
public enum NexLLMEmbeddingProtocol
{
    /// <summary>OpenAI's <c>POST /v1/embeddings</c>: base64 vectors, usage, up to 2,048 inputs per request.</summary>
    Embeddings,

    /// <summary>
    /// Gemini's native <c>POST /v1beta/models/{model}:embedContent</c> (one input) and <c>:batchEmbedContents</c> (several,
    /// up to 100 per request), with a task type and a title (see <see cref="NexLLMEmbeddingOptionsExtensions"/>).
    /// </summary>
    GeminiEmbedContent,
}
