using Microsoft.Extensions.Hosting;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Replaces the default console lifetime: an emulator hosted inside a test or an application must not react to
/// Ctrl+C or SIGTERM on its own (its owner disposes it; the standalone program handles signals itself).
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
