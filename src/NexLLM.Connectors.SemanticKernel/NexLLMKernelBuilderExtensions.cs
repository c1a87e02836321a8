using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.TextGeneration;
using Microsoft.SemanticKernel.TextToAudio;
using Microsoft.SemanticKernel.TextToImage;
using NexLLM.Connectors;

namespace Microsoft.SemanticKernel;

// The protocol parameter tells the embedding overloads apart, as on NexLLMClient.GetEmbeddingGenerator; RS0026 would forbid that shape.
#pragma warning disable RS0026

/// <summary>
/// Registers NexLLM services on a Semantic Kernel <see cref="IKernelBuilder"/>. Each method forwards to a registration on
/// <see cref="IKernelBuilder.Services"/>, so a kernel built from the builder and an application container configured with
/// the same calls hold the same services.
/// </summary>
/// <remarks>
/// Every registration uses the <see cref="NexLLMClient"/> registered in the container, so that all of them share one
/// connection pool, one set of options and one validation at start-up: call <see cref="AddNexLLMClient(IKernelBuilder, Action{NexLLMClientOptions})"/>
/// (or <c>builder.Services.AddNexLLMClient(configuration)</c>, or register a <see cref="NexLLMClient"/> instance) once, then
/// register the services. Resolving a service without one throws an <see cref="InvalidOperationException"/> that says so.
/// <c>serviceId</c> is the key of the keyed registration (SK's <c>PromptExecutionSettings.ServiceId</c>);
/// <see langword="null"/> registers the unkeyed service.
/// </remarks>
public static class NexLLMKernelBuilderExtensions
{
    /// <summary>Registers the <see cref="NexLLMClient"/> that the kernel's NexLLM services use.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options, for example <c>o =&gt; { o.ApiKey = key; o.Endpoint = endpoint; }</c>.</param>
    /// <returns>The kernel builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IKernelBuilder AddNexLLMClient(this IKernelBuilder builder, Action<NexLLMClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddNexLLMClient(configure);
        return builder;
    }

    /// <summary>Registers the <see cref="NexLLMClient"/> that the kernel's NexLLM services use, for the default endpoint.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="apiKey">The API key (<c>sk-...</c>).</param>
    /// <returns>The kernel builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="apiKey"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is empty.</exception>
    public static IKernelBuilder AddNexLLMClient(this IKernelBuilder builder, string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        return AddNexLLMClient(builder, options => options.ApiKey = apiKey);
    }

    /// <summary>
    /// Registers an <see cref="IChatClient"/> for a model with Semantic Kernel's function invocation
    /// (<c>UseKernelFunctionInvocation</c>: kernel functions offered through <c>FunctionChoiceBehavior</c> are called, and
    /// the kernel's auto-function-invocation filters run).
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="model">The model id, for example <c>gpt-4o-mini</c>.</param>
    /// <param name="protocol">The wire format to speak.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed client.</param>
    /// <returns>The kernel builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not a known protocol.</exception>
    public static IKernelBuilder AddNexLLMChatClient(
        this IKernelBuilder builder, string model, NexLLMChatProtocol protocol = NexLLMChatProtocol.ChatCompletions, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddKeyedNexLLMChatClient(serviceId, model, protocol).UseKernelFunctionInvocation();
        return builder;
    }

    /// <summary>
    /// Registers an <see cref="IChatCompletionService"/> for a model, over the NexLLM <see cref="IChatClient"/> with Semantic
    /// Kernel's function invocation.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="model">The model id.</param>
    /// <param name="protocol">The wire format to speak.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed service.</param>
    /// <returns>The kernel builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not a known protocol.</exception>
    public static IKernelBuilder AddNexLLMChatCompletion(
        this IKernelBuilder builder, string model, NexLLMChatProtocol protocol = NexLLMChatProtocol.ChatCompletions, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddNexLLMChatCompletion(model, protocol, serviceId);
        return builder;
    }

    /// <summary>
    /// Registers an <see cref="ITextGenerationService"/> for a model, over NexLLM's legacy completions (<c>POST /v1/completions</c>):
    /// prompt functions of a kernel without a chat service run through it.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="model">The model id, for example <c>gpt-3.5-turbo-instruct</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed service.</param>
    /// <returns>The kernel builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public static IKernelBuilder AddNexLLMTextGeneration(this IKernelBuilder builder, string model, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddNexLLMTextGeneration(model, serviceId);
        return builder;
    }

    /// <summary>
    /// Registers an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <see cref="string"/> and <see cref="Embedding{T}"/>
    /// of <see cref="float"/> over <c>POST /v1/embeddings</c>: the embedding service of Semantic Kernel 1.x vector stores,
    /// text search and memory.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="model">The model id, for example <c>text-embedding-3-small</c>.</param>
    /// <param name="dimensions">The vector length to ask for, or <see langword="null"/> for the model's own.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed generator.</param>
    /// <returns>The kernel builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is less than 1.</exception>
    public static IKernelBuilder AddNexLLMEmbeddingGenerator(this IKernelBuilder builder, string model, int? dimensions = null, string? serviceId = null) =>
        AddNexLLMEmbeddingGenerator(builder, model, NexLLMEmbeddingProtocol.Embeddings, dimensions, serviceId);

    /// <summary>Registers an embedding generator over the given wire format (Gemini's <c>:embedContent</c>, for example).</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="model">The model id, for example <c>gemini-embedding-001</c>.</param>
    /// <param name="protocol">The wire format.</param>
    /// <param name="dimensions">The vector length to ask for, or <see langword="null"/> for the model's own.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed generator.</param>
    /// <returns>The kernel builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not a known protocol, or <paramref name="dimensions"/> is less than 1.</exception>
    public static IKernelBuilder AddNexLLMEmbeddingGenerator(
        this IKernelBuilder builder, string model, NexLLMEmbeddingProtocol protocol, int? dimensions = null, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddKeyedNexLLMEmbeddingGenerator(serviceId, model, protocol, dimensions);
        return builder;
    }

    /// <summary>
    /// Registers an <see cref="ITextToImageService"/> for a model, over the NexLLM <see cref="IImageGenerator"/>
    /// (<c>POST /v1/images/generations</c>): what SK's text-to-image calls use.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="model">The model id, for example <c>gpt-image-1</c> or <c>dall-e-3</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed service.</param>
    /// <returns>The kernel builder.</returns>
    /// <remarks>See <see cref="NexLLMServiceCollectionExtensions.AddNexLLMTextToImage"/> for the settings it reads and what it returns.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    [Experimental("SKEXP0001")]
    public static IKernelBuilder AddNexLLMTextToImage(this IKernelBuilder builder, string model, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddNexLLMTextToImage(model, serviceId);
        return builder;
    }

    /// <summary>
    /// Registers an <see cref="Microsoft.SemanticKernel.AudioToText.IAudioToTextService"/> for a model, over the NexLLM
    /// <see cref="ISpeechToTextClient"/> (<c>POST /v1/audio/transcriptions</c>): what SK's audio-to-text calls use.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="model">The model id, for example <c>whisper-1</c> or <c>gpt-4o-transcribe</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed service.</param>
    /// <returns>The kernel builder.</returns>
    /// <remarks>See <see cref="NexLLMServiceCollectionExtensions.AddNexLLMAudioToText"/> for the settings it reads and what it returns.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    [Experimental("SKEXP0001")]
    public static IKernelBuilder AddNexLLMAudioToText(this IKernelBuilder builder, string model, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddNexLLMAudioToText(model, serviceId);
        return builder;
    }

    /// <summary>
    /// Registers an <see cref="ITextToAudioService"/> for a model, over the NexLLM <see cref="ITextToSpeechClient"/>
    /// (<c>POST /v1/audio/speech</c>): what SK's text-to-audio calls use.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="model">The model id, for example <c>gpt-4o-mini-tts</c> or <c>tts-1</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed service.</param>
    /// <returns>The kernel builder.</returns>
    /// <remarks>See <see cref="NexLLMServiceCollectionExtensions.AddNexLLMTextToAudio"/> for the settings it reads and what it returns.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    [Experimental("SKEXP0001")]
    public static IKernelBuilder AddNexLLMTextToAudio(this IKernelBuilder builder, string model, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddNexLLMTextToAudio(model, serviceId);
        return builder;
    }
}
