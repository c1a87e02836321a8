namespace NexLLM.Cli;

/// <summary>The process's Ctrl+C (<see cref="Console.CancelKeyPress"/>), which a subscriber keeps from ending the process.</summary>
internal sealed class ConsoleInterrupts : IInterruptSource
{
    /// <inheritdoc/>
    public IDisposable Subscribe(Action onInterrupt)
    {
        ArgumentNullException.ThrowIfNull(onInterrupt);
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            onInterrupt();
        };
        Console.CancelKeyPress += handler;
        return new Subscription(handler);
    }

    private sealed class Subscription(ConsoleCancelEventHandler handler) : IDisposable
    {
        public void Dispose() => Console.CancelKeyPress -= handler;
    }
}
