using NexLLM.Connectors;

namespace NexLLM.Cli.Gateway;

/// <summary>A client on the gateway (or on a local emulator, which is stopped with it).</summary>
internal sealed class GatewayConnection : IAsyncDisposable
{
    private readonly IAsyncDisposable? _emulator;

    /// <summary>Initializes a new instance of the <see cref="GatewayConnection"/> class.</summary>
    /// <param name="client">The client.</param>
    /// <param name="emulator">The local emulator the client talks to, stopped on dispose; <see langword="null"/> for the gateway.</param>
    public GatewayConnection(NexLLMClient client, IAsyncDisposable? emulator)
    {
        Client = client;
        _emulator = emulator;
    }

    /// <summary>Gets the client.</summary>
    public NexLLMClient Client { get; }

    /// <summary>Creates a client on the gateway with this key and endpoint.</summary>
    /// <param name="apiKey">The key.</param>
    /// <param name="endpoint">The base URL; <see langword="null"/> for the default.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="UsageException">The endpoint is not a URL the client accepts.</exception>
    public static GatewayConnection Open(string apiKey, string? endpoint)
    {
        var options = new NexLLMClientOptions { ApiKey = apiKey };
        try
        {
            if (endpoint is not null)
            {
                if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri))
                {
                    throw new UsageException($"the endpoint '{endpoint}' is not an absolute URL (e.g. https://www.nexllm.ai/v1)");
                }

                options.Endpoint = uri;
            }

            return new GatewayConnection(new NexLLMClient(options), emulator: null);
        }
        catch (ArgumentException ex)
        {
            // The client validates the endpoint (https, or http on loopback; no query or path past the base) and the key.
            throw new UsageException($"the endpoint or key is not usable: {ex.Message.Replace(apiKey, "***", StringComparison.Ordinal)}", ex);
        }
    }

    /// <summary>Disposes the client and stops the emulator.</summary>
    /// <returns>A task that completes when both are done.</returns>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
