using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>A response kept for <c>previous_response_id</c>.</summary>
/// <param name="Id">The response id, <c>resp_…</c>.</param>
/// <param name="Turns">The whole conversation as the engine reads it: the previous responses, this input and this output (never the instructions, which are not carried over).</param>
/// <param name="ItemIds">The ids of its output items.</param>
internal sealed record StoredResponse(string Id, IReadOnlyList<ChatTurn> Turns, IReadOnlyList<string> ItemIds);
