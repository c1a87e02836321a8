using NexLLM.Connectors;
using NexLLM.Connectors.Emulator;

namespace ReadmeSnippets;

/// <summary>src/NexLLM.Connectors.Emulator/PACKAGE.md. Compiled; the same start is run by every emulator test.</summary>
internal static class PackageEmulatorSnippets
{
    public static async Task StartAsync()
    {
        // <snippet:package-emulator>
        await using var emulator = await NexLLMEmulator.StartAsync();   // 127.0.0.1, a free port
        using var nexllm = new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey });
        // </snippet:package-emulator>
        GC.KeepAlive(nexllm);
    }
}
