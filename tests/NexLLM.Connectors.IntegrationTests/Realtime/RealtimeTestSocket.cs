using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>A raw <see cref="ClientWebSocket"/> on the emulator's <c>/v1/realtime</c> that sends JSON events and reads them back whole.</summary>
public sealed class RealtimeTestSocket : IAsyncDisposable
{
    private RealtimeTestSocket(ClientWebSocket socket) => Socket = socket;

    /// <summary>Gets the socket.</summary>
    public ClientWebSocket Socket { get; }

    /// <summary>Connects with the key in <c>Authorization</c>, or as the subprotocol item when <paramref name="keyAsSubprotocol"/>.</summary>
    public static async Task<RealtimeTestSocket> ConnectAsync(
        NexLLMEmulator emulator, string model = "gpt-4o-realtime-preview", bool keyAsSubprotocol = false, string? fault = null, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (keyAsSubprotocol)
        {
            socket.Options.AddSubProtocol("realtime");
            socket.Options.AddSubProtocol("openai-insecure-api-key." + emulator.ApiKey);
            socket.Options.AddSubProtocol("openai-beta.realtime-v1");
        }
        else
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + emulator.ApiKey);
            socket.Options.SetRequestHeader("openai-beta", "realtime=v1");
        }

        if (fault is not null)
        {
            socket.Options.SetRequestHeader("X-NexLLM-Emulator-Fault", fault);
        }

        await socket.ConnectAsync(Uri(emulator, model), cancellationToken);
        return new RealtimeTestSocket(socket);
    }

    /// <summary>Wraps a socket the test connected itself.</summary>
    public static RealtimeTestSocket Wrap(ClientWebSocket socket) => new(socket);

    /// <summary>The realtime URL of an emulator: <c>ws://127.0.0.1:port/v1/realtime?model=…</c>.</summary>
    public static Uri Uri(NexLLMEmulator emulator, string model) =>
        new(new UriBuilder(emulator.Endpoint) { Scheme = "ws" }.Uri.ToString().TrimEnd('/') + "/realtime?model=" + model);

    /// <summary>Sends one event as a text frame.</summary>
    public Task SendAsync(string json) => Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    /// <summary>Reads the next whole message as JSON; <see langword="null"/> when the server closed the socket.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var result = await Socket.ReceiveAsync(chunk, TestContext.Current.CancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(buffer.ToArray());
                return document.RootElement.Clone();
            }
        }
    }

    /// <summary>Reads events up to and including the first of type <paramref name="last"/>.</summary>
    public async Task<List<JsonElement>> ReceiveUntilAsync(string last)
    {
        var events = new List<JsonElement>();
        while (await ReceiveAsync() is { } next)
        {
            events.Add(next);
            if (Type(next) == last)
            {
                return events;
            }
        }

        throw new InvalidOperationException($"The socket closed before '{last}'; got: {string.Join(", ", events.Select(Type))}.");
    }

    /// <summary>The <c>type</c> of an event.</summary>
    public static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The test already saw what it needed; the server may have gone.
            }
        }

        Socket.Dispose();
    }
}
