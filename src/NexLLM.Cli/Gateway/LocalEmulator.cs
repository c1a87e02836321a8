#if !NEXLLM_CLI_AOT
using NexLLM.Connectors;
using NexLLM.Connectors.Emulator;
#endif

namespace NexLLM.Cli.Gateway;

/// <summary>
/// <c>--emulator</c>: the NexLLM emulator started in-process on loopback, in the tool build. The NativeAOT build leaves it
/// out (the emulator is ASP.NET Core, which NativeAOT cannot compile) and points to the <c>nexllm-emulator</c> tool.
/// </summary>
internal static class LocalEmulator
{
    /// <summary>What the AOT build says about the emulator.</summary>
    public const string NotInThisBuild = "not in this build: use `nexllm-emulator` (dotnet tool install -g NexLLM.Connectors.Emulator.Tool)";

#if NEXLLM_CLI_AOT
    /// <summary>Gets whether this build holds the emulator.</summary>
    public static bool IsAvailable => false;

    /// <summary>Refuses: this build has no emulator.</summary>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>Never.</returns>
    /// <exception cref="UsageException">Always.</exception>
    public static Task<GatewayConnection> ConnectAsync(CancellationToken cancellationToken) =>
        throw new UsageException($"--emulator is {NotInThisBuild}");
#else
    /// <summary>Gets whether this build holds the emulator.</summary>
    public static bool IsAvailable => true;

    /// <summary>Starts an emulator on a free loopback port and connects a client to it.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The connection; disposing it stops the emulator.</returns>
    public static async Task<GatewayConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        NexLLMEmulator emulator = await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions(), cancellationToken).ConfigureAwait(false);
        try
        {
            return new GatewayConnection(new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey }), emulator);
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
#endif
}
