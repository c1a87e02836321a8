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

        tracker.Requested();
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

        tracker.Requested();
        tracker.Observe(Error);
        Assert.False(tracker.IsPending);

        tracker.Observe(Created);
        tracker.Observe(Error);
        Assert.True(tracker.IsPending);
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
