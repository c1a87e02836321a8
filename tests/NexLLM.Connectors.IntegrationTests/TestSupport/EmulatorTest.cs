using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.TestSupport;

/// <summary>
/// A fresh emulator on a free loopback port for every test (xunit creates one instance per test), so scripted replies,
/// faults and recorded requests never leak between tests that run in parallel. It runs in strict mode
/// (docs/emulator.md#strict-mode): what the real services would refuse fails the test. A class that tests friendly
/// behaviour turns it off in <see cref="ConfigureEmulator"/>.
/// </summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    private NexLLMEmulator? _emulator;
    private NexLLMClient? _client;

    protected NexLLMEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>Gets a client on the emulator with default options.</summary>
    protected NexLLMClient Client => _client ??= CreateClient();

    protected static CancellationToken TestCancellation => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        _emulator = await NexLLMEmulator.StartAsync(ConfigureEmulator(new NexLLMEmulatorOptions { Strict = true }), TestCancellation);
    }

    public virtual async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Lets a test class change the emulator's options (strict by default) before it starts.</summary>
    protected virtual NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options) => options;

    protected NexLLMClient CreateClient(Action<NexLLMClientOptions>? configure = null)
    {
        var options = new NexLLMClientOptions { Endpoint = Emulator.Endpoint, ApiKey = Emulator.ApiKey };
        configure?.Invoke(options);
        return new NexLLMClient(options);
    }

    /// <summary>Requests the emulator received on one path (the recording also holds rejected requests).</summary>
    protected IReadOnlyList<EmulatorRequest> RequestsTo(string path) =>
        Emulator.Requests.Where(r => r.Path == path).ToList();
}
