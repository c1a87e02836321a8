namespace NexLLM.Connectors.Emulator.Scripting;

/// <summary>
/// The FIFO of scripted replies and faults. A fault at the head is taken by the next API request (before its key is
/// checked, like a failure in front of the gateway); a reply at the head is taken by the next valid chat request.
/// </summary>
internal sealed class ScriptQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<Entry> _entries = new();

    public void Add(EmulatorReply? reply, EmulatorFault? fault)
    {
        lock (_gate)
        {
            _entries.Enqueue(new Entry(reply, fault, reply is null ? fault!.Times : 1));
        }
    }

    /// <summary>Takes the fault at the head, when the head is a fault on its own (a queued fault with Times &gt; 1 stays until used up).</summary>
    public EmulatorFault? TakeFault()
    {
        lock (_gate)
        {
            if (!_entries.TryPeek(out var head) || head.Reply is not null)
            {
                return null;
            }

            head.Remaining--;
            if (head.Remaining == 0)
            {
                _entries.Dequeue();
            }

            return head.Fault;
        }
    }

    /// <summary>Takes the reply at the head (with the fault it was queued with, if any).</summary>
    public (EmulatorReply Reply, EmulatorFault? Fault)? TakeReply()
    {
        lock (_gate)
        {
            if (!_entries.TryPeek(out var head) || head.Reply is null)
            {
                return null;
            }

            _entries.Dequeue();
            return (head.Reply, head.Fault);
        }
    }

    private sealed class Entry(EmulatorReply? reply, EmulatorFault? fault, int remaining)
    {
        public EmulatorReply? Reply { get; } = reply;

        public EmulatorFault? Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
