namespace NexLLM.Connectors;

/// <summary>A model the gateway serves (WIRE.md §12).</summary>
/// <param name="Id">The model id to pass to <c>NexLLMClient.Get...</c> methods.</param>
/// <param name="OwnedBy">Who provides the model, for example <c>openai</c>.</param>
/// <param name="Created">When the model was added, if the gateway says.</param>
/// <param name="SupportedEndpointTypes">
/// The gateway's endpoint types for the model (<c>openai</c>, <c>openai-response</c>, <c>anthropic</c>, <c>gemini</c>,
/// <c>jina-rerank</c>, <c>image-generation</c>, <c>embeddings</c>, ...); empty when the gateway does not say.
/// </param>
public sealed record NexLLMModel(string Id, string? OwnedBy, DateTimeOffset? Created, IReadOnlyList<string> SupportedEndpointTypes);
