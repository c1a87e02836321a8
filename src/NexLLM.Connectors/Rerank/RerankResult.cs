namespace NexLLM.Connectors;

/// <summary>Represents the score of one document.</summary>
public class RerankResult
{
    /// <summary>Initializes a new instance of the <see cref="RerankResult"/> class.</summary>
    public RerankResult()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RerankResult"/> class.</summary>
    /// <param name="index">The position of the document among the documents passed in.</param>
    /// <param name="relevanceScore">The relevance score.</param>
    /// <param name="document">The document's text, if returned.</param>
    public RerankResult(int index, double relevanceScore, string? document = null)
    {
        Index = index;
        RelevanceScore = relevanceScore;
        Document = document;
    }

    /// <summary>Gets or sets the position of the document among the documents passed to <see cref="IRerankClient.RerankAsync"/>.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the relevance score: higher is more relevant. Its scale depends on the model (often 0 to 1).</summary>
    public double RelevanceScore { get; set; }

    /// <summary>Gets or sets the document's text, when <see cref="RerankOptions.ReturnDocuments"/> asked for it.</summary>
    public string? Document { get; set; }
}
