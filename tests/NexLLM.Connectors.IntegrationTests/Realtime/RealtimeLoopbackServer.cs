using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>
/// A tiny scripted WebSocket server on a loopback port (Kestrel, real sockets) standing in for the gateway's
/// <c>/v1/realtime</c> route where a test needs frames no well-behaved server sends (the emulator covers the rest): each
/// test scripts what the server does with the socket. A script that does not read leaves the client's pings unanswered.
/// </summary>
internal sealed class RealtimeLoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _scriptDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RealtimeLoopbackServer(WebApplication app) => _app = app;

    /// <summary>Gets the endpoint to give NexLLMClientOptions (ends with /v1).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Gets the upgrade requests the server saw: path and query, and headers.</summary>
    public ConcurrentQueue<(string PathAndQuery, Dictionary<string, string> Headers)> Requests { get; } = new();

    /// <summary>Gets the failure of the script, once it ended (null when it ran to its end).</summary>
    public Task ScriptDone => _scriptDone.Task;

    /// <summary>Starts a server. <paramref name="beforeUpgrade"/> may answer the request itself (a refused handshake) by returning true.</summary>
    public static async Task<RealtimeLoopbackServer> StartAsync(
        Func<RealtimeLoopbackConnection, Task> script, Func<HttpContext, Task<bool>>? beforeUpgrade = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new RealtimeLoopbackServer(app);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Map("/v1/realtime", async context =>
        {
            // Copied: Kestrel reuses a request's header collection once the request ends.
            server.Requests.Enqueue((
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(static h => h.Key, static h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            if (beforeUpgrade is not null && await beforeUpgrade(context))
            {
                return;
            }

            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            try
            {
                await script(new RealtimeLoopbackConnection(socket, context.RequestAborted));
                server._scriptDone.TrySetResult();
            }
            catch (Exception ex)
            {
                server._scriptDone.TrySetException(ex);
            }
        });
        await app.StartAsync();
        server.Endpoint = new Uri(app.Urls.First() + "/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
