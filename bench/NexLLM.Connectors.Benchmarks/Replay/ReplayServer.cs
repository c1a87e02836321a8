using System.Buffers;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace NexLLM.Connectors.Benchmarks.Replay;

/// <summary>
/// A minimal Kestrel server on loopback that answers every request of its scenario with a body built once at start-up:
/// nothing is parsed, logged or routed per request. It runs in a process of its own (this program with
/// <c>--serve SCENARIO</c>), so that its allocations stay out of the contestants' <c>Allocated</c> column (the memory
/// diagnoser counts every thread of the measured process). It prints its address and stops when its input closes, that
/// is, when the benchmark process ends.
/// </summary>
internal sealed class ReplayServer : IAsyncDisposable
{
    /// <summary>The gateway's request id header, so that every client has one to keep.</summary>
    private const string RequestId = "20260101000000000000000000000000";
    private const string ReadyLine = "listening ";

    private readonly Process _process;

    private ReplayServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Gets the server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts a server process for <paramref name="scenario"/> and waits until it listens.</summary>
    public static async Task<ReplayServer> StartAsync(string scenario)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ReplayServer).Assembly.Location);
        start.ArgumentList.Add("--serve");
        start.ArgumentList.Add(scenario);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The replay server did not start.");
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ReadyLine, StringComparison.Ordinal))
            {
                return new ReplayServer(process, new Uri(line[ReadyLine.Length..].TrimEnd('/') + "/"));
            }
        }

        throw new InvalidOperationException($"The replay server for '{scenario}' exited before listening.");
    }

    /// <summary>The server process's main: serves <paramref name="scenario"/> until standard input closes.</summary>
    public static async Task ServeAsync(string scenario)
    {
        ReplayBody body = Scenarios.Build(scenario);
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        await using WebApplication app = builder.Build();
        app.Run(context => AnswerAsync(context, body));
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(ReadyLine + address);
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }

    /// <summary>The base URL of a scenario, ending in '/'.</summary>
    public Uri Base(string scenario) => new(Address, scenario + "/");

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static async Task AnswerAsync(HttpContext context, ReplayBody body)
    {
        // Read the request like a real server does (so that every client's upload is paid for), through one small
        // pooled buffer whatever its size: a 20 MB audio upload is drained, never held.
        Stream request = context.Request.Body;
        byte[] sink = ArrayPool<byte>.Shared.Rent(16 * 1024);
        long received = 0;
        ReplayBody answer = body;
        int read;
        while ((read = await request.ReadAsync(sink)) > 0)
        {
            received += read;
            if (body.AlternateWhen is { } marker && sink.AsSpan(0, read).IndexOf(marker) >= 0)
            {
                answer = body.Alternate!;
            }
        }

        ArrayPool<byte>.Shared.Return(sink);

        HttpResponse response = context.Response;
        response.Headers["X-Oneapi-Request-Id"] = RequestId;
        if (received < body.MinRequestBytes)
        {
            response.StatusCode = 400;
            response.ContentType = "application/json";
            await response.WriteAsync($"{{\"error\":{{\"message\":\"the request body had {received} bytes, the scenario needs at least {body.MinRequestBytes}\",\"type\":\"invalid_request_error\"}}}}");
            return;
        }

        response.StatusCode = 200;
        response.ContentType = answer.ContentType;
        if (!answer.Chunked)
        {
            response.ContentLength = answer.Bytes.Length;
        }

        if (answer.Pieces <= 1)
        {
            await response.Body.WriteAsync(answer.Bytes);
            return;
        }

        // In pieces, each flushed to the socket, with a pause between them: a reader that hands out data as it
        // arrives has the first piece long before the last.
        int piece = (answer.Bytes.Length + answer.Pieces - 1) / answer.Pieces;
        for (int offset = 0; offset < answer.Bytes.Length; offset += piece)
        {
            if (offset > 0 && answer.Gap > TimeSpan.Zero)
            {
                await Task.Delay(answer.Gap, context.RequestAborted);
            }

            await response.Body.WriteAsync(answer.Bytes.AsMemory(offset, Math.Min(piece, answer.Bytes.Length - offset)), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
