using Microsoft.Extensions.AI;
using NexLLM.Connectors.Realtime;

namespace NexLLM.Connectors.Tests.Realtime;

/// <summary>When the server's silence counts: while a response is pending, never between turns.</summary>
public sealed class RealtimeResponseTrackerTests
{
    private static readonly RealtimeServerMessage Created = new ResponseCreatedRealtimeServerMessage(RealtimeServerMessageType.ResponseCreated);
    private static readonly RealtimeServerMessage Done = new ResponseCreatedRealtimeServerMessage(RealtimeServerMessageType.ResponseDone);
    private static readonly RealtimeServerMessage Error = new ErrorRealtimeServerMessage();
    private static readonly RealtimeServerMessage Delta = new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputTextDelta);

    [Fact]
    public void Nothing_is_pending_at_first()
    {
        Assert.False(new RealtimeResponseTracker().IsPending);
    }

    [Fact]
    public void A_requested_response_is_pending_until_done()
    {
        var tracker = new RealtimeResponseTracker();

        tracker.Requested(tracker.NextResponseEventId());
        Assert.True(tracker.IsPending);
        tracker.Observe(Created);
        tracker.Observe(Delta);
        Assert.True(tracker.IsPending);
        tracker.Observe(Done);
        Assert.False(tracker.IsPending);
    }

    [Fact]
    public void A_response_the_server_starts_itself_is_pending_until_done()
    {
        var tracker = new RealtimeResponseTracker();

        tracker.Observe(Created);
        Assert.True(tracker.IsPending);
        tracker.Observe(Done);
        Assert.False(tracker.IsPending);
    }

    [Fact]
    public void An_error_ends_a_request_but_not_a_response_in_progress()
    {
        var tracker = new RealtimeResponseTracker();

        tracker.Requested(tracker.NextResponseEventId());
        tracker.Observe(Error);
        Assert.False(tracker.IsPending);

        tracker.Observe(Created);
        tracker.Observe(Error);
        Assert.True(tracker.IsPending);
    }

    [Fact]
    public void An_error_about_another_event_leaves_the_request_pending_and_one_about_it_ends_it()
    {
        var tracker = new RealtimeResponseTracker();
        string id = tracker.NextResponseEventId();

        tracker.Requested(id);
        tracker.Observe(new ErrorRealtimeServerMessage { OriginatingMessageId = "session_update_1" });
        Assert.True(tracker.IsPending);

        tracker.Observe(new ErrorRealtimeServerMessage { OriginatingMessageId = id });
        Assert.False(tracker.IsPending);
    }

    [Fact]
    public void Response_event_ids_are_unique_per_session_and_across_sessions()
    {
        var first = new RealtimeResponseTracker();
        var second = new RealtimeResponseTracker();

        string[] ids = [first.NextResponseEventId(), first.NextResponseEventId(), second.NextResponseEventId()];

        Assert.Equal(3, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.StartsWith("nexllm_response_", id, StringComparison.Ordinal));
    }

    [Fact]
    public void A_done_without_a_created_never_makes_the_count_negative()
    {
        var tracker = new RealtimeResponseTracker();

        tracker.Observe(Done);
        tracker.Observe(Created);

        Assert.True(tracker.IsPending);
    }
}
