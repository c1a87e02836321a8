namespace NexLLM.Connectors;

/// <summary>
/// What a Gemini embedding is for (<c>taskType</c>): Gemini embedding models tune the vector to its use. Set it with
/// <see cref="NexLLMEmbeddingOptionsExtensions.WithGeminiTaskType"/>.
/// </summary>
public enum NexLLMGeminiTaskType
{
    /// <summary><c>RETRIEVAL_QUERY</c>: the text is a search query.</summary>
    RetrievalQuery,

    /// <summary><c>RETRIEVAL_DOCUMENT</c>: the text is a document to be searched (it may carry a title).</summary>
    RetrievalDocument,

    /// <summary><c>SEMANTIC_SIMILARITY</c>: the vectors are compared with each other.</summary>
    SemanticSimilarity,

    /// <summary><c>CLASSIFICATION</c>: the vectors feed a classifier.</summary>
    Classification,

    /// <summary><c>CLUSTERING</c>: the vectors are clustered.</summary>
    Clustering,

    /// <summary><c>QUESTION_ANSWERING</c>: the text is a question to be answered from documents.</summary>
    QuestionAnswering,

    /// <summary><c>FACT_VERIFICATION</c>: the text is a statement to be verified.</summary>
    FactVerification,

    /// <summary><c>CODE_RETRIEVAL_QUERY</c>: the text is a natural-language query for code.</summary>
    CodeRetrievalQuery,
}
