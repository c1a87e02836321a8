using NexLLM.Connectors.Emulator.Faults;
using NexLLM.Connectors.Emulator.Recording;
using NexLLM.Connectors.Emulator.Responses;
using NexLLM.Connectors.Emulator.Scripting;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>Everything one running emulator shares between its public API and its request pipeline.</summary>
internal sealed class EmulatorState(EmulatorSettings settings)
{
    public EmulatorSettings Settings { get; } = settings;

    public ScriptQueue Script { get; } = new();

    public RequestRecorder Recorder { get; } = new();

    public FaultHeaderTracker FaultTracker { get; } = new();

    /// <summary>Gets the responses kept for <c>previous_response_id</c> on <c>/v1/responses</c>.</summary>
    public ResponseStore Responses { get; } = new();
}
