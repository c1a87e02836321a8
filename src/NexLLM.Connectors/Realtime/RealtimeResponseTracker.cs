using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Realtime;

/// <summary>
/// Whether a response is pending, which is when the server's silence counts (<see cref="NexLLMClientOptions.StreamIdleTimeout"/>):
/// from a <c>response.create</c> sent (until the server creates it, or refuses it with an error naming that event, or
/// naming none) and from <c>response.created</c> (server VAD starts responses itself) until <c>response.done</c>. An
/// error that names another event (a refused <c>session.update</c>, say) leaves a requested response pending.
/// </summary>
internal sealed class RealtimeResponseTracker
{
    private readonly string _idPrefix = "nexllm_response_" + Guid.NewGuid().ToString("N")[..8] + "_";
    private int _responseCount;
    private volatile bool _requested;
    private volatile string? _requestEventId;
    private int _inProgress;
    private volatile bool _readPending;
    private volatile IdleTimeout? _idle;

    public bool IsPending => _requested || Volatile.Read(ref _inProgress) > 0;

    /// <summary>The reader's idle timer, while a reader reads.</summary>
    public void Attach(IdleTimeout? idle) => _idle = idle;

    /// <summary>The <c>event_id</c> for a <c>response.create</c> the caller gave none: unique in this session.</summary>
    public string NextResponseEventId() => _idPrefix + Interlocked.Increment(ref _responseCount).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The caller asked for a response: if a read is waiting already, the silence counts from now.</summary>
    /// <param name="eventId">The <c>event_id</c> the <c>response.create</c> was sent with.</param>
    public void Requested(string? eventId)
    {
        _requestEventId = eventId;
        _requested = true;
        if (_readPending)
        {
            _idle?.Arm();
        }
    }

    public void BeforeRead()
    {
        _readPending = true;
        if (IsPending)
        {
            _idle?.Arm();
        }
    }

    public void AfterRead()
    {
        _readPending = false;
        _idle?.Disarm();
    }

    /// <summary>Follows the responses the server reports.</summary>
    public void Observe(RealtimeServerMessage message)
    {
        if (message.Type == RealtimeServerMessageType.ResponseCreated)
        {
            _requested = false;
            Interlocked.Increment(ref _inProgress);
        }
        else if (message.Type == RealtimeServerMessageType.ResponseDone)
        {
            _requested = false;
            if (Interlocked.Decrement(ref _inProgress) < 0)
            {
                Interlocked.Exchange(ref _inProgress, 0);
            }
        }
        else if (message is ErrorRealtimeServerMessage error
            && (error.OriginatingMessageId is null || _requestEventId is null || error.OriginatingMessageId == _requestEventId))
        {
            // A refused response.create: no response will come. One in progress still ends with response.done.
            _requested = false;
        }
    }
}
