namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>How a played response ended.</summary>
internal enum RealtimeResponseEnd
{
    /// <summary><c>response.done</c> was sent (completed, incomplete, cancelled or failed); the session goes on.</summary>
    Done,

    /// <summary>A fault stopped the response without <c>response.done</c>; the session goes on.</summary>
    Stopped,

    /// <summary>A fault closed or dropped the connection: the session is over.</summary>
    SessionOver,
}
