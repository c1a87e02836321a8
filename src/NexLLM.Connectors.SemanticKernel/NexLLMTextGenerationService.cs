using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.TextGeneration;
using NexLLM.Connectors;

namespace Microsoft.SemanticKernel;

/// <summary>
/// An <see cref="ITextGenerationService"/> over NexLLM's legacy completions (<c>POST /v1/completions</c>, docs/protocols/completions.md):
/// one <see cref="TextContent"/> per choice, streamed or not, with the model id and the completion's details in its metadata.
/// </summary>
internal sealed class NexLLMTextGenerationService : ITextGenerationService
{
    private readonly NexLLMCompletionClient _client;

    public NexLLMTextGenerationService(NexLLMClient client, string model)
    {
        _client = client.GetCompletionClient(model);
        Attributes = ServiceAttributes.Of(model, client.Endpoint);
    }

    public IReadOnlyDictionary<string, object?> Attributes { get; }

    public async Task<IReadOnlyList<TextContent>> GetTextContentsAsync(
        string prompt, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        NexLLMCompletion completion = await _client
            .CompleteAsync(prompt, TextGenerationSettings.ToCompletionOptions(executionSettings, kernel), cancellationToken)
            .ConfigureAwait(false);
        string model = completion.ModelId ?? _client.ModelId;
        return [.. completion.Choices.Select(choice => new TextContent(choice.Text, model, completion, metadata: Metadata(completion, choice)))];
    }

    public async IAsyncEnumerable<StreamingTextContent> GetStreamingTextContentsAsync(
        string prompt, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerable<NexLLMCompletionUpdate> updates = _client.CompleteStreamingAsync(
            prompt, TextGenerationSettings.ToCompletionOptions(executionSettings, kernel), cancellationToken);
        await foreach (NexLLMCompletionUpdate update in updates.ConfigureAwait(false))
        {
            yield return new StreamingTextContent(update.Text, update.ChoiceIndex, update.ModelId ?? _client.ModelId, update, metadata: Metadata(update));
        }
    }

    private static Dictionary<string, object?> Metadata(NexLLMCompletion completion, NexLLMCompletionChoice choice) =>
        Metadata(completion.Id, completion.CreatedAt, choice.Index, choice.RawFinishReason, choice.Logprobs, completion.Usage, completion.RequestId);

    private static Dictionary<string, object?> Metadata(NexLLMCompletionUpdate update) =>
        Metadata(update.Id, update.CreatedAt, update.ChoiceIndex, update.RawFinishReason, update.Logprobs, update.Usage, update.RequestId);

    /// <summary>What a content carries besides its text: the completion's id, date, usage and request id, and its choice's index and finish.</summary>
    private static Dictionary<string, object?> Metadata(
        string? id, DateTimeOffset? createdAt, int index, string? finishReason, JsonElement? logprobs, UsageDetails? usage, string? requestId) => new()
    {
        ["Id"] = id,
        ["CreatedAt"] = createdAt,
        ["Index"] = index,
        ["FinishReason"] = finishReason,
        ["Logprobs"] = logprobs,
        ["Usage"] = usage,
        ["RequestId"] = requestId,
    };
}
