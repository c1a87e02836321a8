using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// Turns one format's stream events into <see cref="ChatResponseUpdate"/>s, one stream at a time: the strategy the chat
/// pipeline (<see cref="ChatClientBase{TResponse, TText, TEvent, TMapper}"/>) calls for every event it reads.
/// </summary>
/// <typeparam name="TText">The format's usual text event, read by its hand-written fast path.</typeparam>
/// <typeparam name="TEvent">The format's wire event, read by the source-generated serializer.</typeparam>
internal interface IChatStreamMapper<TText, TEvent>
    where TText : struct
    where TEvent : class
{
    /// <summary>Maps a text event: always an update (the fast path hands out only events with visible text).</summary>
    /// <param name="text">The event.</param>
    /// <returns>The update.</returns>
    ChatResponseUpdate Map(in TText text);

    /// <summary>Maps any other event.</summary>
    /// <param name="value">The event.</param>
    /// <returns>The update, or <see langword="null"/> when the event carries nothing worth one.</returns>
    /// <exception cref="ResponseContentException">The event holds content no caller can use.</exception>
    ChatResponseUpdate? Map(TEvent value);
}
