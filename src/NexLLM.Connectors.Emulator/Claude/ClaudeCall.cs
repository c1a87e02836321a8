using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>A <c>/v1/messages</c> request, read: the neutral request plus whether to stream.</summary>
/// <param name="Request">The neutral request.</param>
/// <param name="Stream">Whether <c>stream</c> is true.</param>
internal sealed record ClaudeCall(ChatEngineRequest Request, bool Stream);
