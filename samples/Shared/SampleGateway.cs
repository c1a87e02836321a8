using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.Samples;

/// <summary>
/// The gateway a sample talks to: the real NexLLM when <c>NEXLLM_API_KEY</c> is set (<c>NEXLLM_ENDPOINT</c> overrides the
/// base URL), else the local emulator, started in-process, and one line says so. Shared by every sample.
/// </summary>
internal sealed class SampleGateway : IAsyncDisposable
{
    private SampleGateway(NexLLMClient client, NexLLMEmulator? emulator)
    {
        Client = client;
        Emulator = emulator;
    }

    /// <summary>Gets the client on the gateway (or the emulator).</summary>
    public NexLLMClient Client { get; }

    /// <summary>Gets the emulator when the sample runs offline.</summary>
    public NexLLMEmulator? Emulator { get; }

    public static async Task<SampleGateway> StartAsync()
    {
        string? apiKey = Environment.GetEnvironmentVariable("NEXLLM_API_KEY");
        if (!string.IsNullOrEmpty(apiKey))
        {
            var options = new NexLLMClientOptions { ApiKey = apiKey };
            if (Environment.GetEnvironmentVariable("NEXLLM_ENDPOINT") is { Length: > 0 } endpoint)
            {
                options.Endpoint = new Uri(endpoint);
            }

            return new SampleGateway(new NexLLMClient(options), null);
        }

        NexLLMEmulator emulator = await NexLLMEmulator.StartAsync();
        Console.WriteLine($"NEXLLM_API_KEY is not set: using the local NexLLM emulator at {emulator.Endpoint}.");
        return new SampleGateway(new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey }), emulator);
    }

    /// <summary>A model id from an environment variable, or the sample's default.</summary>
    public static string Model(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } model ? model : fallback;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }
}
