using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// The <see cref="IChatClient"/> of <see cref="NexLLMChatProtocol.Auto"/>: each request goes to the client of the protocol
/// its model speaks (<see cref="AutoProtocol"/>), decided per request, so that a request's <see cref="ChatOptions.ModelId"/>
/// and a model list fetched later both count.
/// </summary>
internal sealed class AutoChatClient : IChatClient
{
    private readonly NexLLMClient _owner;
    private readonly string _model;
    private readonly Func<string, NexLLMModel?> _findListed;
    private readonly Func<NexLLMChatProtocol, IChatClient> _create;
    private readonly IChatClient?[] _clients = new IChatClient?[(int)NexLLMChatProtocol.Responses + 1];
    private readonly ChatClientMetadata _metadata;

    public AutoChatClient(NexLLMClient owner, string model, Func<string, NexLLMModel?> findListed, Func<NexLLMChatProtocol, IChatClient> create)
    {
        _owner = owner;
        _model = model;
        _findListed = findListed;
        _create = create;
        _metadata = new ChatClientMetadata("nexllm", owner.Endpoint, model);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        ClientFor(options).GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        ClientFor(options).GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, _metadata, _owner, this);

    public void Dispose()
    {
        // The NexLLMClient owns the transport.
    }

    /// <summary>The protocol a request's model speaks (the model checked as the client's own would be).</summary>
    internal NexLLMChatProtocol ProtocolFor(ChatOptions? options)
    {
        string model = options?.ModelId is { } requested ? Throw.IfNotIdentifier(requested, "options.ModelId") : _model;
        return AutoProtocol.For(model, _findListed(model));
    }

    private IChatClient ClientFor(ChatOptions? options)
    {
        NexLLMChatProtocol protocol = ProtocolFor(options);

        // Adapters are stateless and cheap: a race creates one twice, and either serves.
        return _clients[(int)protocol] ??= _create(protocol);
    }
}
