using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.TextGeneration;
using Microsoft.SemanticKernel.TextToAudio;
using Microsoft.SemanticKernel.TextToImage;
using NexLLM.Connectors;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Registers the Semantic Kernel services NexLLM backs (chat completion, text generation, text to image, text to audio) on an <see cref="IServiceCollection"/>
/// (an application container with <c>services.AddKernel()</c>). Chat clients and embedding generators need nothing SK-specific: register them with the core
/// package's <c>AddKeyedNexLLMChatClient(serviceId, model, protocol).UseKernelFunctionInvocation()</c> and
/// <c>AddKeyedNexLLMEmbeddingGenerator(serviceId, model, dimensions)</c>.
/// </summary>
public static class NexLLMServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IChatCompletionService"/> (a singleton) for a model, over the NexLLM <see cref="IChatClient"/>
    /// with Semantic Kernel's function invocation, on the <see cref="NexLLMClient"/> registered by <c>AddNexLLMClient</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>gpt-4o-mini</c>.</param>
    /// <param name="protocol">The wire format to speak.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed service.</param>
    /// <returns>The services.</returns>
    /// <remarks>
    /// <see cref="PromptExecutionSettings"/> become <see cref="ChatOptions"/> (SK's <c>ToChatOptions</c>): the settings it knows
    /// (temperature, max_tokens, stop_sequences...) map to their options, and every other <c>ExtensionData</c> key reaches the
    /// request as a top-level field through <see cref="ChatOptions.AdditionalProperties"/>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not a known protocol.</exception>
    public static IServiceCollection AddNexLLMChatCompletion(
        this IServiceCollection services, string model, NexLLMChatProtocol protocol = NexLLMChatProtocol.ChatCompletions, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ValidateModel(model);
        if (!Enum.IsDefined(protocol))
        {
            throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown chat protocol.");
        }

        services.AddKeyedSingleton<IChatCompletionService>(serviceId, (provider, _) =>
            ClientOf(provider).GetChatClient(model, protocol)
                .AsBuilder()
                .UseKernelFunctionInvocation()
                .Build(provider)
                .AsChatCompletionService(provider));
        return services;
    }

    /// <summary>
    /// Registers an <see cref="ITextGenerationService"/> (a singleton) for a model, over NexLLM's legacy completions
    /// (<c>POST /v1/completions</c>), on the <see cref="NexLLMClient"/> registered by <c>AddNexLLMClient</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>gpt-3.5-turbo-instruct</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed service.</param>
    /// <returns>The services.</returns>
    /// <remarks>
    /// <see cref="PromptExecutionSettings"/> become <see cref="NexLLMCompletionOptions"/>: <c>max_tokens</c>, <c>temperature</c>,
    /// <c>top_p</c>, <c>stop_sequences</c> or <c>stop</c>, <c>seed</c>, <c>n</c> (or <c>results_per_prompt</c>), <c>echo</c>,
    /// <c>suffix</c>, <c>user</c> and <c>logprobs</c> (a number, or <see langword="true"/> with <c>top_logprobs</c>) map to their
    /// options, also from the typed settings of a derived class such as OpenAI's; every other <c>ExtensionData</c> key is sent
    /// as a top-level request field. Each choice is one <see cref="TextContent"/>, whose metadata holds <c>Id</c>,
    /// <c>CreatedAt</c>, <c>Index</c>, <c>FinishReason</c>, <c>Logprobs</c>, <c>Usage</c> and <c>RequestId</c>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public static IServiceCollection AddNexLLMTextGeneration(this IServiceCollection services, string model, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ValidateModel(model);
        services.AddKeyedSingleton<ITextGenerationService>(serviceId, (provider, _) => new NexLLMTextGenerationService(ClientOf(provider), model));
        return services;
    }

    /// <summary>
    /// Registers an <see cref="ITextToImageService"/> (a singleton) for a model, over the NexLLM <see cref="IImageGenerator"/>
    /// (<c>POST /v1/images/generations</c>), on the <see cref="NexLLMClient"/> registered by <c>AddNexLLMClient</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>gpt-image-1</c> or <c>dall-e-3</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed service.</param>
    /// <returns>The services.</returns>
    /// <remarks>
    /// <see cref="PromptExecutionSettings"/> become <see cref="ImageGenerationOptions"/>: <c>ModelId</c>, <c>width</c> and
    /// <c>height</c> (or <c>size</c>, <c>"auto"</c> included), <c>n</c>, <c>response_format</c> (<c>url</c> or <c>b64_json</c>),
    /// <c>output_format</c>, <c>quality</c>, <c>style</c>, <c>background</c>, <c>moderation</c> and <c>output_compression</c>
    /// map to their options; every other <c>ExtensionData</c> key is sent as a top-level request field. Each image is an
    /// <see cref="ImageContent"/> with its bytes or its URL. SK's <c>GenerateImageAsync(description, width, height)</c>
    /// extension returns the first image's <c>Uri</c> only, so it works with models that answer URLs (dall-e, by default);
    /// for the others (gpt-image answers bytes only) call <c>GetImageContentsAsync</c>. SK 1.82 has no image-editing
    /// service: edit through the <see cref="IImageGenerator"/> itself.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    [Experimental("SKEXP0001")]
    public static IServiceCollection AddNexLLMTextToImage(this IServiceCollection services, string model, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ValidateModel(model);
        services.AddKeyedSingleton<ITextToImageService>(serviceId, (provider, _) =>
        {
            NexLLMClient client = ClientOf(provider);
            return new NexLLMTextToImageService(client.GetImageGenerator(model), model, client.Endpoint);
        });
        return services;
    }

    /// <summary>
    /// Registers an <see cref="Microsoft.SemanticKernel.AudioToText.IAudioToTextService"/> for a model, over the NexLLM
    /// <see cref="ISpeechToTextClient"/> (<c>POST /v1/audio/transcriptions</c>; translations when the settings ask so through
    /// the speech-to-text client itself).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>whisper-1</c> or <c>gpt-4o-transcribe</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed service.</param>
    /// <returns>The services.</returns>
    /// <remarks>
    /// <see cref="PromptExecutionSettings"/> become <see cref="SpeechToTextOptions"/>: <c>ModelId</c>, <c>language</c>,
    /// <c>prompt</c>, <c>temperature</c>, <c>response_format</c>, <c>timestamp_granularities</c> and <c>filename</c> map to
    /// their options (the keys of SK's OpenAI settings); every other <c>ExtensionData</c> key is sent as a form field. The
    /// audio content's media type names the upload. The transcript is one <see cref="TextContent"/> whose inner content is
    /// the whole <see cref="SpeechToTextResponse"/>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    [Experimental("SKEXP0001")]
    public static IServiceCollection AddNexLLMAudioToText(this IServiceCollection services, string model, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ValidateModel(model);
        services.AddKeyedSingleton<Microsoft.SemanticKernel.AudioToText.IAudioToTextService>(serviceId, (provider, _) =>
        {
            NexLLMClient client = ClientOf(provider);
            return new NexLLMAudioToTextService(client.GetSpeechToTextClient(model), model, client.Endpoint);
        });
        return services;
    }

    /// <summary>
    /// Registers an <see cref="ITextToAudioService"/> (a singleton) for a model, over the NexLLM <see cref="ITextToSpeechClient"/>
    /// (<c>POST /v1/audio/speech</c>), on the <see cref="NexLLMClient"/> registered by <c>AddNexLLMClient</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>gpt-4o-mini-tts</c> or <c>tts-1</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for the unkeyed service.</param>
    /// <returns>The services.</returns>
    /// <remarks>
    /// <see cref="PromptExecutionSettings"/> become <see cref="TextToSpeechOptions"/> under the names of SK's OpenAI text-to-audio
    /// settings: <c>ModelId</c>, <c>voice</c> (default <c>alloy</c>), <c>response_format</c> (<c>mp3</c> by default,
    /// <c>opus</c>, <c>aac</c>, <c>flac</c>, <c>wav</c>, <c>pcm</c>), <c>speed</c> (0.25 to 4) and <c>instructions</c>; every
    /// other <c>ExtensionData</c> key is sent as a top-level request field. The audio is one <see cref="AudioContent"/> with
    /// its bytes and media type (<c>audio/mpeg</c>, <c>audio/wav</c>, <c>audio/pcm</c>...), the request id and, for PCM, its
    /// format in the content's <c>Metadata</c>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    [Experimental("SKEXP0001")]
    public static IServiceCollection AddNexLLMTextToAudio(this IServiceCollection services, string model, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ValidateModel(model);
        services.AddKeyedSingleton<ITextToAudioService>(serviceId, (provider, _) =>
        {
            NexLLMClient client = ClientOf(provider);
            return new NexLLMTextToAudioService(client.GetTextToSpeechClient(model), model, client.Endpoint);
        });
        return services;
    }

    private static void ValidateModel(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (model.Any(char.IsControl))
        {
            throw new ArgumentException("The model id must not contain control characters.", nameof(model));
        }
    }

    private static NexLLMClient ClientOf(IServiceProvider provider) =>
        provider.GetService<NexLLMClient>()
        ?? throw new InvalidOperationException(
            "No NexLLMClient is registered. Call kernelBuilder.AddNexLLMClient(...) or services.AddNexLLMClient(...) " +
            "(with a delegate or a configuration section), or register a NexLLMClient instance, before resolving NexLLM services.");
}
