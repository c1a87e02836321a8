namespace NexLLM.Cli;

/// <summary>
/// Ctrl+C as a command can take it over: while subscribed, an interrupt calls the subscriber instead of stopping the
/// process. A conversation uses it to cancel the answer being written rather than the whole session.
/// </summary>
internal interface IInterruptSource
{
    /// <summary>Calls <paramref name="onInterrupt"/> on each Ctrl+C until the subscription is disposed.</summary>
    /// <param name="onInterrupt">What an interrupt does.</param>
    /// <returns>The subscription.</returns>
    IDisposable Subscribe(Action onInterrupt);
}
