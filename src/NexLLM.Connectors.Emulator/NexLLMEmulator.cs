using Microsoft.AspNetCore.Builder;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator;

/// <summary>
/// A local NexLLM-compatible gateway: a real HTTP server (Kestrel on 127.0.0.1) that speaks the gateway's wire
/// formats and quirks, answers deterministically, and can be scripted with exact replies and faults.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await NexLLMEmulator.StartAsync();
/// using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey });
/// emulator.Enqueue(EmulatorFault.Status(429, headers: new Dictionary&lt;string, string&gt; { ["Retry-After"] = "1" }));
/// </code>
/// </example>
public sealed class NexLLMEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;
    private int _disposed;

    private NexLLMEmulator(WebApplication app, EmulatorState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
        Endpoint = new Uri(baseAddress, "v1");
    }

    /// <summary>Gets the API base URL, e.g. <c>http://127.0.0.1:54321/v1</c>: pass it to a client as its endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the server root, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets a key the emulator accepts (<see cref="NexLLMEmulatorOptions.ApiKey"/>).</summary>
    public string ApiKey => _state.Settings.ApiKey;

    /// <summary>Gets a snapshot of every request received so far, in arrival order (rejected ones included).</summary>
    public IReadOnlyList<EmulatorRequest> Requests => _state.Recorder.Snapshot();

    /// <summary>Starts an emulator on 127.0.0.1.</summary>
    /// <param name="options">The settings; <see langword="null"/> for the defaults (a free port, the default key and models).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is invalid (for example an API key with a <c>-</c> after <c>sk-</c>).</exception>
    /// <exception cref="IOException">The port is in use.</exception>
    public static Task<NexLLMEmulator> StartAsync(NexLLMEmulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(options ?? new NexLLMEmulatorOptions(), urls: null, cancellationToken);

    /// <summary>Queues an exact reply for the next valid chat request (FIFO, shared with faults).</summary>
    /// <param name="reply">The reply.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reply"/> is <see langword="null"/>.</exception>
    public void Enqueue(EmulatorReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        _state.Script.Add(reply, null);
    }

    /// <summary>
    /// Queues a fault for the next API request, whatever its route (FIFO, shared with replies). A fault with
    /// <see cref="EmulatorFault.Times"/> &gt; 1 stays at the head of the queue until it has been used that many times.
    /// </summary>
    /// <param name="fault">The fault.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is <see langword="null"/>.</exception>
    public void Enqueue(EmulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _state.Script.Add(null, fault);
    }

    /// <summary>Queues an exact reply played out with a fault, e.g. this text truncated after 3 chunks (FIFO).</summary>
    /// <param name="reply">The reply.</param>
    /// <param name="fault">A fault that still lets the answer start: a delay or a stream fault, used once.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reply"/> or <paramref name="fault"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="fault"/> replaces the answer (status, raw, redirect) or has <see cref="EmulatorFault.Times"/> &gt; 1.</exception>
    public void Enqueue(EmulatorReply reply, EmulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(fault);
        if (!fault.LetsAnswerStart || fault.Times != 1)
        {
            throw new ArgumentException("Only a delay or a stream fault, used once, can accompany a reply: queue other faults on their own.", nameof(fault));
        }

        _state.Script.Add(reply, fault);
    }

    /// <summary>Forgets the requests recorded so far.</summary>
    public void ClearRequests() => _state.Recorder.Clear();

    /// <summary>Stops the server; open streams are cut.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts an emulator; <paramref name="urls"/> (standalone <c>--urls</c>) replaces the 127.0.0.1 binding.</summary>
    internal static async Task<NexLLMEmulator> StartCoreAsync(NexLLMEmulatorOptions options, string? urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new EmulatorState(EmulatorSettings.From(options));
        var app = EmulatorApplication.Build(state, urls);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new NexLLMEmulator(app, state, EmulatorApplication.GetBaseAddress(app));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
