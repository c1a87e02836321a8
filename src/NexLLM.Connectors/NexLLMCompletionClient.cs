using NexLLM.Connectors.Completions;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors;

/// <summary>
/// A client of the gateway's legacy completions (<c>POST /v1/completions</c>, docs/protocols/completions.md): prompt in,
/// text out, for models that only complete text. Get one from <see cref="NexLLMClient.GetCompletionClient(string)"/>.
/// </summary>
/// <remarks>
/// It shares the <see cref="NexLLMClient"/>'s transport (retries, timeouts, errors) and is thread-safe. Every failure is a
/// <see cref="NexLLMException"/>; a stream that ends without a finish reason and <c>[DONE]</c> is a
/// <see cref="NexLLMErrorKind.TruncatedStream"/> error unless <see cref="NexLLMClientOptions.AllowIncompleteStreams"/> is set.
/// </remarks>
public sealed class NexLLMCompletionClient
{
    private readonly NexLLMTransport _transport;

    internal NexLLMCompletionClient(NexLLMTransport transport, string model)
    {
        _transport = transport;
        ModelId = model;
    }

    /// <summary>Gets the model of this client (a request's <see cref="NexLLMCompletionOptions.ModelId"/> wins).</summary>
    public string ModelId { get; }

// One prompt or several: the wire's prompt is a string or an array (docs/protocols/completions.md#request).
#pragma warning disable RS0026 // The overloads differ by their first parameter only, as M.E.AI's own GetResponseAsync overloads do.

    /// <summary>Completes one prompt.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="options">The options, or <see langword="null"/> for the model's defaults.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The completion: <see cref="NexLLMCompletionOptions.N"/> choices (one by default).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prompt"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="prompt"/> is empty, or an option is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    /// <exception cref="NexLLMException">The gateway failed or answered with an error.</exception>
    public Task<NexLLMCompletion> CompleteAsync(string prompt, NexLLMCompletionOptions? options = null, CancellationToken cancellationToken = default) =>
        CompletionsPipeline.CompleteAsync(_transport, Build(CompletionPrompt.Of(prompt), options, stream: false), cancellationToken);

    /// <summary>Completes several prompts in one request.</summary>
    /// <param name="prompts">The prompts, at least one.</param>
    /// <param name="options">The options, or <see langword="null"/> for the model's defaults.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The completion: <see cref="NexLLMCompletionOptions.N"/> choices per prompt, in prompt order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prompts"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="prompts"/> is empty or holds a null or empty prompt, or an option is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    /// <exception cref="NexLLMException">The gateway failed or answered with an error.</exception>
    public Task<NexLLMCompletion> CompleteAsync(IEnumerable<string> prompts, NexLLMCompletionOptions? options = null, CancellationToken cancellationToken = default) =>
        CompletionsPipeline.CompleteAsync(_transport, Build(CompletionPrompt.Of(prompts), options, stream: false), cancellationToken);

    /// <summary>Completes one prompt, streamed.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="options">The options, or <see langword="null"/> for the model's defaults.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The updates, as they arrive; the last one carries the gateway's request id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prompt"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="prompt"/> is empty, or an option is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    /// <exception cref="NexLLMException">The gateway failed, answered with an error, or the stream ended early.</exception>
    public IAsyncEnumerable<NexLLMCompletionUpdate> CompleteStreamingAsync(
        string prompt, NexLLMCompletionOptions? options = null, CancellationToken cancellationToken = default) =>
        CompletionsPipeline.StreamAsync(_transport, Build(CompletionPrompt.Of(prompt), options, stream: true), cancellationToken);

    /// <summary>Completes several prompts in one request, streamed.</summary>
    /// <param name="prompts">The prompts, at least one.</param>
    /// <param name="options">The options, or <see langword="null"/> for the model's defaults.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The updates of every choice, interleaved as they arrive (<see cref="NexLLMCompletionUpdate.ChoiceIndex"/> tells them apart).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prompts"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="prompts"/> is empty or holds a null or empty prompt, or an option is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    /// <exception cref="NexLLMException">The gateway failed, answered with an error, or the stream ended early.</exception>
    public IAsyncEnumerable<NexLLMCompletionUpdate> CompleteStreamingAsync(
        IEnumerable<string> prompts, NexLLMCompletionOptions? options = null, CancellationToken cancellationToken = default) =>
        CompletionsPipeline.StreamAsync(_transport, Build(CompletionPrompt.Of(prompts), options, stream: true), cancellationToken);
#pragma warning restore RS0026

    /// <summary>Checks the options and writes the request, before anything is sent (so bad arguments throw at the call).</summary>
    private TransportRequest Build(CompletionPrompt prompt, NexLLMCompletionOptions? options, bool stream) =>
        CompletionsPipeline.BuildRequest(_transport, CompletionRequestMapper.Map(prompt, options, ModelId, stream), options?.AdditionalProperties);
}
