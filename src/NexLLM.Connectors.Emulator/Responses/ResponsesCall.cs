using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>A <c>/v1/responses</c> request, read.</summary>
internal sealed record ResponsesCall
{
    /// <summary>Gets the neutral request: the instructions, the previous response's conversation, then this input.</summary>
    public required ChatEngineRequest Request { get; init; }

    /// <summary>Gets the conversation to store with this response's output: the previous response's and this input, without the instructions (they are not carried over).</summary>
    public required IReadOnlyList<ChatTurn> Conversation { get; init; }

    /// <summary>Gets the body, for the fields a response echoes.</summary>
    public required JsonElement Body { get; init; }

    public bool Stream { get; init; }

    /// <summary>Gets whether the response is kept for <c>previous_response_id</c> (<c>store</c> is true unless it is false).</summary>
    public bool Store { get; init; }

    /// <summary>Gets whether reasoning items carry <c>encrypted_content</c> (<c>include</c> asks for it).</summary>
    public bool EncryptedReasoning { get; init; }

    /// <summary>Gets whether reasoning items carry their text as a summary (<c>reasoning.summary</c> is auto, concise or detailed).</summary>
    public bool ReasoningSummary { get; init; }
}
