namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>Waits that end early, without throwing, when the client leaves or the emulator stops.</summary>
internal static class Pauses
{
    /// <summary>Waits; returns <see langword="false"/> when the wait was cut short.</summary>
    public static async Task<bool> WaitAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (duration <= TimeSpan.Zero)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        try
        {
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
