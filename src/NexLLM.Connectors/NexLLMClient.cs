using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Audio;
using NexLLM.Connectors.Chat;
using NexLLM.Connectors.Chat.ChatCompletions;
using NexLLM.Connectors.Chat.Claude;
using NexLLM.Connectors.Chat.Gemini;
using NexLLM.Connectors.Chat.Responses;
using NexLLM.Connectors.Embeddings.Gemini;
using NexLLM.Connectors.Embeddings.OpenAI;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Images;
using NexLLM.Connectors.Models;
using NexLLM.Connectors.Realtime;
using NexLLM.Connectors.Rerank.JinaRerank;

namespace NexLLM.Connectors;

/// <summary>
/// The entry point to the NexLLM gateway: hands out Microsoft.Extensions.AI clients that share one HTTP transport
/// (connection pool, retries, timeouts, error handling).
/// </summary>
/// <remarks>
/// Create one per application and reuse it; it is thread-safe. Disposing it disposes the <see cref="HttpClient"/> it
/// created, never one passed in.
/// </remarks>
public sealed class NexLLMClient : IDisposable
{
    private readonly NexLLMTransport _transport;
    private readonly ModelCatalog _models = new();

    /// <summary>Initializes a new instance for the default endpoint.</summary>
    /// <param name="apiKey">The API key (<c>sk-...</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is empty or contains white space.</exception>
    public NexLLMClient(string apiKey)
        : this(new NexLLMClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>Initializes a new instance with its own connection pool.</summary>
    /// <param name="options">The settings; they are copied and validated.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is invalid (for example an http endpoint on a public host, or no API key).</exception>
    public NexLLMClient(NexLLMClientOptions options)
    {
        _transport = new NexLLMTransport(Throw.IfNull(options).Snapshot(), httpClient: null);
    }

    /// <summary>Initializes a new instance on an <see cref="HttpClient"/> the caller owns.</summary>
    /// <param name="options">The settings; they are copied and validated.</param>
    /// <param name="httpClient">
    /// The client to send with. Its own settings rule: give it <see cref="Timeout.InfiniteTimeSpan"/> as timeout (our
    /// timeouts apply) and a handler that does not follow redirects, or a redirect could carry the key to another host.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public NexLLMClient(NexLLMClientOptions options, HttpClient httpClient)
    {
        _transport = new NexLLMTransport(Throw.IfNull(options).Snapshot(), Throw.IfNull(httpClient));
    }

    /// <summary>Gets the base URL of the OpenAI-style routes.</summary>
    public Uri Endpoint => _transport.Endpoint;

    /// <summary>Gets a chat client for a model.</summary>
    /// <param name="model">The model id, for example <c>gpt-4o-mini</c>.</param>
    /// <param name="protocol">The wire format to speak.</param>
    /// <returns>
    /// An <see cref="IChatClient"/>. <see cref="ChatOptions.AdditionalProperties"/> entries are sent as extra top-level
    /// request fields (keys starting with <c>nexllm.</c> are reserved and never sent); a
    /// <see cref="ChatOptions.RawRepresentationFactory"/> may return a <see cref="System.Text.Json.Nodes.JsonObject"/>
    /// whose fields are sent as they are and win over every mapped field.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not a known protocol.</exception>
    public IChatClient GetChatClient(string model, NexLLMChatProtocol protocol = NexLLMChatProtocol.ChatCompletions)
    {
        Throw.IfNotIdentifier(model);
        return protocol switch
        {
            NexLLMChatProtocol.ChatCompletions => new ChatCompletionsChatClient(this, _transport, model),
            NexLLMChatProtocol.ClaudeMessages => new ClaudeChatClient(this, _transport, model),
            NexLLMChatProtocol.GeminiGenerateContent => new GeminiChatClient(this, _transport, model),
            NexLLMChatProtocol.Responses => new ResponsesChatClient(this, _transport, model),
            NexLLMChatProtocol.Auto => new AutoChatClient(this, model, _models.Find, native => GetChatClient(model, native)),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown chat protocol."),
        };
    }

    /// <summary>Gets an embedding generator for a model, over <c>POST /v1/embeddings</c>.</summary>
    /// <param name="model">The model id, for example <c>text-embedding-3-small</c>.</param>
    /// <param name="dimensions">The vector length to ask for (text-embedding-3 and later), or <see langword="null"/> for the model's own.</param>
    /// <returns>
    /// An embedding generator. Vectors travel as base64 and are decoded straight into float memory; they are matched to the
    /// inputs by index and checked; calls with more than 2,048 inputs are split into concurrent requests (see
    /// <see cref="NexLLMEmbeddingOptionsExtensions"/>). <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> entries
    /// are sent as extra request fields (<c>user</c>, for example), except keys starting with <c>nexllm.</c>.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is less than 1.</exception>
#pragma warning disable RS0026 // Both overloads are the binding public surface (docs/architecture.md#public-surface); the protocol parameter tells them apart.
    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model, int? dimensions = null) =>
        GetEmbeddingGenerator(model, NexLLMEmbeddingProtocol.Embeddings, dimensions);

    /// <summary>Gets an embedding generator for a model, over the given wire format.</summary>
    /// <param name="model">The model id, for example <c>text-embedding-3-small</c> or <c>gemini-embedding-001</c>.</param>
    /// <param name="protocol">
    /// The wire format: <see cref="NexLLMEmbeddingProtocol.Embeddings"/> (<c>/v1/embeddings</c>) or
    /// <see cref="NexLLMEmbeddingProtocol.GeminiEmbedContent"/> (<c>/v1beta/models/{model}:embedContent</c> and
    /// <c>:batchEmbedContents</c>, with a task type and title from <see cref="NexLLMEmbeddingOptionsExtensions"/>).
    /// </param>
    /// <param name="dimensions">The vector length to ask for (<c>dimensions</c>, <c>outputDimensionality</c>), or <see langword="null"/> for the model's own.</param>
    /// <returns>An embedding generator.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty, contains control characters, or (Gemini) cannot be a path segment.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not a known protocol, or <paramref name="dimensions"/> is less than 1.</exception>
    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model, NexLLMEmbeddingProtocol protocol, int? dimensions = null)
#pragma warning restore RS0026
    {
        Throw.IfNotIdentifier(model);
        if (dimensions is { } requested)
        {
            Throw.IfOutOfRange(requested, 1, int.MaxValue, nameof(dimensions));
        }

        return protocol switch
        {
            NexLLMEmbeddingProtocol.Embeddings => new OpenAIEmbeddingGenerator(this, _transport, model, dimensions),
            NexLLMEmbeddingProtocol.GeminiEmbedContent => new GeminiEmbeddingGenerator(this, _transport, model, dimensions),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown embedding protocol."),
        };
    }

    /// <summary>Gets a rerank client for a model, over <c>POST /v1/rerank</c>.</summary>
    /// <param name="model">The model id, for example <c>jina-reranker-v2-base-multilingual</c>.</param>
    /// <returns>
    /// A rerank client. It always sends <c>top_n</c> (default: every document) and maps each result back to its document by
    /// index. <see cref="RerankOptions.AdditionalProperties"/> entries are sent as extra request fields, except keys
    /// starting with <c>nexllm.</c>.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public IRerankClient GetRerankClient(string model)
    {
        Throw.IfNotIdentifier(model);
        return new JinaRerankClient(this, _transport, model);
    }

    /// <summary>Gets an image generator for a model, over <c>POST /v1/images/generations</c> and <c>POST /v1/images/edits</c>.</summary>
    /// <param name="model">The model id, for example <c>gpt-image-1</c> or <c>dall-e-3</c>.</param>
    /// <returns>
    /// An image generator. A request with <see cref="ImageGenerationRequest.OriginalImages"/> is an edit: every image is
    /// uploaded (as <c>image[]</c> parts, straight from its memory), with the mask of
    /// <see cref="NexLLMImageGenerationOptionsExtensions.WithImageMask"/>. Images come back as <see cref="DataContent"/>
    /// (decoded bytes; the media type from the bytes' signature) or, when a dall-e model is asked for
    /// <see cref="ImageGenerationResponseFormat.Uri"/>, as <see cref="UriContent"/>; a revised prompt and the request id
    /// are in each content's <c>AdditionalProperties</c> (<c>nexllm.revised_prompt</c>, <c>nexllm.request_id</c>).
    /// <see cref="ImageGenerationOptions.AdditionalProperties"/> entries are sent as extra request fields (<c>user</c>, for
    /// example), except keys starting with <c>nexllm.</c>. Images are never streamed: the gateway cannot stream them.
    /// Large images need a larger <see cref="NexLLMClientOptions.MaxResponseBytes"/> (a 4096×4096 PNG is about 30 MB as base64).
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    [Experimental("MEAI001")]
    public IImageGenerator GetImageGenerator(string model)
    {
        Throw.IfNotIdentifier(model);
        return new OpenAIImageGenerator(this, _transport, model);
    }

    /// <summary>
    /// Gets a speech-to-text client for a model: transcriptions (<c>POST /v1/audio/transcriptions</c>) and, when English
    /// text is asked for from speech in another language, translations (<c>POST /v1/audio/translations</c>).
    /// </summary>
    /// <param name="model">The model id, for example <c>whisper-1</c> or <c>gpt-4o-transcribe</c>.</param>
    /// <returns>
    /// A speech-to-text client. The audio is uploaded from the caller's stream as it is read; a stream that cannot seek is
    /// not retried after a failure. Typed options are in <see cref="NexLLMSpeechToTextOptionsExtensions"/>; other
    /// <see cref="SpeechToTextOptions.AdditionalProperties"/> entries are sent as form fields, except keys starting with <c>nexllm.</c>.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    [Experimental("MEAI001")]
    public ISpeechToTextClient GetSpeechToTextClient(string model)
    {
        Throw.IfNotIdentifier(model);
        return new OpenAISpeechToTextClient(this, _transport, model);
    }

    /// <summary>Gets a client of legacy completions for a model, over <c>POST /v1/completions</c> (prompt in, text out).</summary>
    /// <param name="model">The model id, for example <c>gpt-3.5-turbo-instruct</c>.</param>
    /// <returns>
    /// A completion client. <see cref="NexLLMCompletionOptions.AdditionalProperties"/> entries are sent as extra request fields,
    /// except keys starting with <c>nexllm.</c>.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public NexLLMCompletionClient GetCompletionClient(string model)
    {
        Throw.IfNotIdentifier(model);
        return new NexLLMCompletionClient(_transport, model);
    }

    /// <summary>Gets a text-to-speech client for a model, over <c>POST /v1/audio/speech</c> (text in, audio out).</summary>
    /// <param name="model">The model id, for example <c>gpt-4o-mini-tts</c>, <c>tts-1</c> or <c>tts-1-hd</c>.</param>
    /// <returns>
    /// A text-to-speech client. <see cref="TextToSpeechOptions.VoiceId"/> is a built-in voice (<c>alloy</c>, <c>ash</c>,
    /// <c>ballad</c>, <c>coral</c>, <c>echo</c>, <c>fable</c>, <c>onyx</c>, <c>nova</c>, <c>sage</c>, <c>shimmer</c>,
    /// <c>verse</c>, <c>marin</c>, <c>cedar</c>; any other name is sent as it is) or a custom voice's id (<c>voice_...</c>,
    /// sent as <c>{"id":...}</c>); unset, it is <c>alloy</c>, as in M.E.AI's OpenAI adapter.
    /// <see cref="TextToSpeechOptions.AudioFormat"/> is <c>mp3</c>, <c>opus</c>, <c>aac</c>, <c>flac</c>, <c>wav</c> or
    /// <c>pcm</c>, or a media type of one of them (<c>audio/mpeg</c>, <c>audio/wav</c>...); unset, no format is sent and
    /// the server writes mp3 (the content's media type then follows the answer's <c>Content-Type</c>, <c>audio/mpeg</c>
    /// by default). <c>pcm</c> is raw 24 kHz, 16-bit, mono, little-endian samples: its content's media type is
    /// <c>audio/pcm</c> and its <c>AdditionalProperties</c> say so (<c>nexllm.audio.sample_rate</c> = 24000,
    /// <c>nexllm.audio.bits_per_sample</c> = 16, <c>nexllm.audio.channels</c> = 1, <c>nexllm.audio.byte_order</c> =
    /// <c>"little-endian"</c>). <see cref="TextToSpeechOptions.Speed"/> is 0.25 to 4; <c>instructions</c> and the
    /// streaming format are typed options (<see cref="NexLLMTextToSpeechOptionsExtensions"/>); <c>Language</c>,
    /// <c>Pitch</c> and <c>Volume</c> have no field and are ignored. <see cref="TextToSpeechOptions.AdditionalProperties"/>
    /// entries are sent as extra request fields, except keys starting with <c>nexllm.</c>. The text must have 1 to 4,096
    /// characters. <c>GetAudioAsync</c> returns one <see cref="DataContent"/> with the whole file;
    /// <c>GetStreamingAudioAsync</c> yields <see cref="TextToSpeechResponseUpdateKind.AudioUpdating"/> updates with the audio
    /// as it arrives, then one <see cref="TextToSpeechResponseUpdateKind.AudioUpdated"/> update that ends the stream, with
    /// the usage when the server reports it (server-sent events). The request id is in the response's, or the last update's,
    /// <c>AdditionalProperties</c> (<c>nexllm.request_id</c>).
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    [Experimental("MEAI001")]
    public ITextToSpeechClient GetTextToSpeechClient(string model)
    {
        Throw.IfNotIdentifier(model);
        return new OpenAITextToSpeechClient(this, _transport, model);
    }

    /// <summary>
    /// Gets a realtime client for a model: sessions over the gateway's <c>/v1/realtime</c> WebSocket, speaking OpenAI's beta
    /// realtime protocol. Events M.E.AI has no message type for (for example <c>input_audio_buffer.clear</c>,
    /// <c>response.cancel</c>) are sent as JSON in a message's <c>RawRepresentation</c>, and received as a
    /// <see cref="RealtimeServerMessage"/> whose type is the event's and whose <c>RawRepresentation</c> is its JSON.
    /// </summary>
    /// <param name="model">The model id, for example <c>gpt-4o-realtime-preview</c>.</param>
    /// <returns>The client. It uses this client's endpoint, key and timeouts; the WebSocket handshake is not retried.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    [Experimental("MEAI001")]
    public IRealtimeClient GetRealtimeClient(string model)
    {
        Throw.IfNotIdentifier(model);
        return new OpenAIRealtimeClient(this, _transport, model);
    }

    /// <summary>Lists the models the key may use (<c>GET /v1/models</c>), with the endpoint types each one supports.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The models.</returns>
    /// <remarks>
    /// The client remembers the last list: from then on <see cref="NexLLMChatProtocol.Auto"/> chooses a listed model's
    /// protocol from its <see cref="NexLLMModel.SupportedEndpointTypes"/>.
    /// </remarks>
    /// <exception cref="NexLLMException">The gateway failed or answered with an error.</exception>
    public async Task<IReadOnlyList<NexLLMModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<NexLLMModel> models = await ModelList.GetAsync(_transport, cancellationToken).ConfigureAwait(false);
        _models.Remember(models);
        return models;
    }

    /// <summary>Disposes the <see cref="HttpClient"/> this client created, if any.</summary>
    public void Dispose() => _transport.Dispose();
}
