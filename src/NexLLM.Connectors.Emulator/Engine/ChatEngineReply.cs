namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>A reply in neutral terms: each wire format renders it, streamed or whole.</summary>
internal sealed record ChatEngineReply
{
    public string? Reasoning { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<ChatToolCall> ToolCalls { get; init; } = [];

    public string? Refusal { get; init; }

    /// <summary>Gets opaque redacted reasoning (Claude's <c>redacted_thinking</c> data); only scripted replies have it, and only Claude renders it.</summary>
    public string? RedactedReasoning { get; init; }

    public ReplyFinishReason FinishReason { get; init; }

    /// <summary>Gets a scripted raw finish reason, sent as is by formats that can (it wins over <see cref="FinishReason"/>).</summary>
    public string? RawFinishReason { get; init; }

    /// <summary>Gets a scripted prompt-block reason (Gemini's <c>promptFeedback.blockReason</c>); only the Gemini route renders it.</summary>
    public string? BlockReason { get; init; }

    /// <summary>Gets the stop sequence that cut the text, for formats that report it (Claude's <c>stop_sequence</c>).</summary>
    public string? StopSequence { get; init; }

    public required ChatUsage Usage { get; init; }
}
