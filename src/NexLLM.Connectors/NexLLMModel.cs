namespace NexLLM.Connectors;

/// <summary>A model the gateway serves, as <c>GET /v1/models</c> describes it (docs/protocols/models.md).</summary>
public sealed class NexLLMModel
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="id">The model id.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public NexLLMModel(string id)
    {
        Id = Throw.IfNullOrWhiteSpace(id);
    }

    /// <summary>Gets the model id to pass to the <c>NexLLMClient.Get...</c> methods.</summary>
    public string Id { get; }

    /// <summary>Gets who provides the model, for example <c>openai</c>.</summary>
    public string? OwnedBy { get; init; }

    /// <summary>Gets when the model was added, if the gateway says.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>
    /// Gets the gateway's endpoint types for the model (<c>openai</c>, <c>openai-response</c>, <c>anthropic</c>,
    /// <c>gemini</c>, <c>jina-rerank</c>, <c>image-generation</c>, <c>embeddings</c>, ...); empty when the gateway does not say.
    /// </summary>
    public IReadOnlyList<string> SupportedEndpointTypes { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => Id;
}
