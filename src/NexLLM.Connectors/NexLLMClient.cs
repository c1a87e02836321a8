using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat.ChatCompletions;
using NexLLM.Connectors.Chat.Claude;
using NexLLM.Connectors.Chat.Gemini;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Models;

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
            NexLLMChatProtocol.Auto => GetChatClient(model, NativeProtocolOf(model)),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown chat protocol."),
        };
    }

    /// <summary>The protocol <see cref="NexLLMChatProtocol.Auto"/> picks: the native format of the model's family.</summary>
    private static NexLLMChatProtocol NativeProtocolOf(string model)
    {
        string name = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        return name.StartsWith("claude", StringComparison.OrdinalIgnoreCase) ? NexLLMChatProtocol.ClaudeMessages
            : name.StartsWith("gemini", StringComparison.OrdinalIgnoreCase) ? NexLLMChatProtocol.GeminiGenerateContent
            : NexLLMChatProtocol.ChatCompletions;
    }

    /// <summary>Lists the models the key may use (<c>GET /v1/models</c>), with the endpoint types each one supports.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The models.</returns>
    /// <exception cref="NexLLMException">The gateway failed or answered with an error.</exception>
    public Task<IReadOnlyList<NexLLMModel>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        ModelList.GetAsync(_transport, cancellationToken);

    /// <summary>Disposes the <see cref="HttpClient"/> this client created, if any.</summary>
    public void Dispose() => _transport.Dispose();
}
