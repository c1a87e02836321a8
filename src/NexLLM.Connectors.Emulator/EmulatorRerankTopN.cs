namespace NexLLM.Connectors.Emulator;

/// <summary>How the emulator's <c>POST /v1/rerank</c> treats <c>top_n</c> (<see cref="NexLLMEmulatorOptions.RerankTopN"/>).</summary>
public enum EmulatorRerankTopN
{
    /// <summary>Jina's behaviour (the default): <c>top_n</c> results when it is sent, every document otherwise.</summary>
    Honoured,

    /// <summary>
    /// new-api's Cohere channel: an omitted <c>top_n</c> means <b>one</b> result, and <c>return_documents</c> is forced
    /// true (docs/protocols/rerank.md). A client that does not always send <c>top_n</c> loses results.
    /// </summary>
    CohereDefaults,

    /// <summary>An upstream that ignores <c>top_n</c>: every document comes back, whatever was asked.</summary>
    Ignored,
}
