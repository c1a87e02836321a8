using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// What the chat adapters of every wire format share: the owning client and transport, the metadata, the services they
/// answer, and the reading of a non-streamed body. The NexLLMClient owns the transport, so disposing an adapter does nothing.
/// </summary>
internal abstract class ChatClientBase : IChatClient
{
    private readonly NexLLMClient _owner;
    private readonly ChatClientMetadata _metadata;

    protected ChatClientBase(NexLLMClient owner, NexLLMTransport transport, string model, Uri providerUri, string protocol)
    {
        _owner = owner;
        Transport = transport;
        Model = model;
        _metadata = new ChatClientMetadata("nexllm", providerUri, model);
        LogIgnored = option => transport.LogIgnoredOption(protocol, option);
    }

    protected NexLLMTransport Transport { get; }

    /// <summary>Gets the model this client was created for (a request's <see cref="ChatOptions.ModelId"/> wins).</summary>
    protected string Model { get; }

    /// <summary>Gets the logger of options the format cannot carry.</summary>
    protected Action<string> LogIgnored { get; }

    public abstract Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

    public abstract IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        Throw.IfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(NexLLMClient) ? _owner
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The NexLLMClient owns the transport.
    }

    /// <summary>
    /// Reads a non-streamed body: the format's wire type, and the whole body as a <see cref="JsonElement"/> for
    /// <see cref="ChatResponse.RawRepresentation"/>. A body that is not JSON of that shape is an <see cref="NexLLMErrorKind.InvalidResponse"/>;
    /// invalid UTF-8 in text becomes U+FFFD, as in streams (<see cref="InvalidUtf8"/>), in both.
    /// </summary>
    protected (T? Value, JsonElement Raw) ReadJson<T>(TransportResponse response, JsonTypeInfo<T> typeInfo, string operation)
    {
        ReadOnlySpan<byte> body = response.Body.Span;
        try
        {
            try
            {
                return (JsonSerializer.Deserialize(body, typeInfo), JsonSerializer.Deserialize(body, SharedJsonContext.Default.JsonElement));
            }
            catch (JsonException ex) when (ex is not ResponseContentException && ex.InnerException is InvalidOperationException
                && InvalidUtf8.TryReplaceInText(body, out byte[] repaired))
            {
                return (JsonSerializer.Deserialize(repaired, typeInfo), JsonSerializer.Deserialize(repaired, SharedJsonContext.Default.JsonElement));
            }
        }
        catch (ResponseContentException ex)
        {
            throw InvalidContent(response, operation, ex);
        }
        catch (JsonException ex)
        {
            throw Transport.Errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {operation} response is not valid JSON of the expected shape.", false, 200, response.RequestId, body, ex);
        }
    }

    /// <summary>The error for a response whose content no caller can use (see <see cref="ResponseContentException"/>).</summary>
    protected NexLLMException InvalidContent(TransportResponse response, string operation, ResponseContentException ex) =>
        Transport.Errors.Create(
            NexLLMErrorKind.InvalidResponse, $"NexLLM {operation} response is invalid: {ex.Message}.", false, 200, response.RequestId, response.Body.Span, ex.InnerException ?? ex);
}
