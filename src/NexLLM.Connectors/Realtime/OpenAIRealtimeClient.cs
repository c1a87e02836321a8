using System.Net.WebSockets;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Realtime;

/// <summary>
/// An <see cref="IRealtimeClient"/> over the gateway's <c>GET /v1/realtime?model=...</c> WebSocket (docs/protocols/realtime.md).
/// The gateway dials its upstream with <c>openai-beta: realtime=v1</c>, so sessions speak the beta protocol; the header is sent
/// here as well, for gateways and upstreams that read it from the client.
/// </summary>
internal sealed class OpenAIRealtimeClient : IRealtimeClient
{
    private const string Operation = "realtime";

    private static readonly KeyValuePair<string, string>[] BetaHeaders = [new("openai-beta", "realtime=v1")];

    private readonly NexLLMClient _owner;
    private readonly NexLLMTransport _transport;
    private readonly string _model;
    private readonly ChatClientMetadata _metadata;

    public OpenAIRealtimeClient(NexLLMClient owner, NexLLMTransport transport, string model)
    {
        _owner = owner;
        _transport = transport;
        _model = model;
        _metadata = new ChatClientMetadata("nexllm", transport.Endpoint, model);
    }

    /// <summary>Gets the model sessions use unless their options name another.</summary>
    public string Model => _model;

    /// <summary>Connects a session; session options, when given, are sent at once as <c>session.update</c>.</summary>
    public async Task<IRealtimeClientSession> CreateSessionAsync(RealtimeSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        string model = options?.Model is { } asked ? Throw.IfNotIdentifier(asked, "options.Model") : _model;

        // Mapped before connecting: options the gateway would refuse fail at the call, with no socket opened.
        (byte[] Json, string Type, string? EventId)? update = options is null
            ? null
            : RealtimeClientEventMapper.ToJson(new SessionUpdateRealtimeClientMessage(options), option => _transport.LogIgnoredOption(Operation, option));

        var uri = new Uri(_transport.Endpoint, "realtime?model=" + Uri.EscapeDataString(model));
        ClientWebSocket socket = await _transport.ConnectWebSocketAsync(uri, BetaHeaders, Operation, cancellationToken).ConfigureAwait(false);
        ChatClientMetadata metadata = model == _model ? _metadata : new ChatClientMetadata("nexllm", _transport.Endpoint, model);
        var session = new OpenAIRealtimeClientSession(_owner, metadata, _transport, socket, uri, options ?? new RealtimeSessionOptions { Model = model });
        if (update is { } first)
        {
            try
            {
                await session.SendEventAsync(first.Json, first.Type, first.EventId, options, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await session.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return session;
    }

    /// <summary>Answers <see cref="ChatClientMetadata"/> as its sessions do (M.E.AI has no realtime metadata type), the owner, or itself.</summary>
    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, _metadata, _owner, this);

    public void Dispose()
    {
        // The NexLLMClient owns the transport; sessions are disposed by their callers.
    }
}
