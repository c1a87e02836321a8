using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// One event of a chat stream: the format's usual text event read by its hand-written fast path, or any other event
/// parsed whole by the source-generated serializer.
/// </summary>
/// <typeparam name="TText">The fast path's text event.</typeparam>
/// <typeparam name="TEvent">The format's wire event.</typeparam>
internal readonly struct StreamItem<TText, TEvent>
    where TText : struct
    where TEvent : class
{
    public StreamItem(TText text)
    {
        Text = text;
        IsText = true;
    }

    public StreamItem(JsonEvent<TEvent> parsed) => Parsed = parsed;

    /// <summary>Gets a value indicating whether the event is a <typeparamref name="TText"/> (then <see cref="Parsed"/> is empty).</summary>
    public bool IsText { get; }

    public TText Text { get; }

    public JsonEvent<TEvent> Parsed { get; }

    /// <summary>The error the current event of a stream carries: never a text event's.</summary>
    public static NexLLMException? ErrorOf(SseStream<StreamItem<TText, TEvent>> stream) =>
        stream.Current.IsText ? null : JsonEvent<TEvent>.ErrorOf(stream, stream.Current.Parsed);
}
