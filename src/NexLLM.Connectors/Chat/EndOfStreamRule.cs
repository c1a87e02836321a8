using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// How one format's stream ends: which event stops the reading, whether the answer is complete once reading stopped, and
/// what is given last. A stream that stops without being complete is a <see cref="NexLLMErrorKind.TruncatedStream"/> error
/// unless the caller allowed incomplete streams (docs/reliability.md, "truncation is an error").
/// </summary>
/// <typeparam name="TEvent">The format's wire event.</typeparam>
/// <typeparam name="TMapper">The format's stream mapper, which knows what has been seen (a finish reason, a stop event).</typeparam>
internal abstract class EndOfStreamRule<TEvent, TMapper>
    where TEvent : class
{
    /// <summary>Whether the event just read and mapped ends the reading (nothing after it is read).</summary>
    /// <param name="parsed">The event.</param>
    /// <param name="mapper">The stream's mapper, after it mapped the event.</param>
    /// <returns><see langword="true"/> to stop reading.</returns>
    public abstract bool Ends(in JsonEvent<TEvent> parsed, TMapper mapper);

    /// <summary>Whether the answer is complete once reading stopped.</summary>
    /// <param name="mapper">The stream's mapper.</param>
    /// <param name="sawEnd">Whether reading stopped at an ending event (<see langword="false"/>: at the end of the body).</param>
    /// <returns><see langword="true"/> when the answer is complete.</returns>
    public abstract bool IsComplete(TMapper mapper, bool sawEnd);

    /// <summary>What a complete stream has and this one lacks, for the error message ("ended ... without <c>message_stop</c>").</summary>
    /// <param name="sawEnd">Whether reading stopped at an ending event.</param>
    /// <returns>The missing marker, described.</returns>
    public abstract string Missing(bool sawEnd);

    /// <summary>The update given after the last event: what is still held (an incomplete answer the caller allowed), or a final one.</summary>
    /// <param name="mapper">The stream's mapper.</param>
    /// <param name="complete">Whether the answer is complete.</param>
    /// <returns>The last update, or <see langword="null"/> for none.</returns>
    public abstract ChatResponseUpdate? Last(TMapper mapper, bool complete);
}
