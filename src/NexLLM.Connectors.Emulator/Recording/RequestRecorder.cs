namespace NexLLM.Connectors.Emulator.Recording;

/// <summary>Every request received, in arrival order.</summary>
internal sealed class RequestRecorder
{
    private readonly Lock _gate = new();
    private readonly List<EmulatorRequest> _requests = [];

    public void Add(EmulatorRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public IReadOnlyList<EmulatorRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
