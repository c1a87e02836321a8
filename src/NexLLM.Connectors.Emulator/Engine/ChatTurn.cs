namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>One turn of the conversation, reduced to what the engine uses.</summary>
/// <param name="Role">Who wrote it.</param>
/// <param name="Text">Its text parts, joined with line breaks.</param>
internal sealed record ChatTurn(ChatRole Role, string Text)
{
    /// <summary>Gets the calls an assistant turn made.</summary>
    public IReadOnlyList<ChatToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets the call a tool turn answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Gets the function name of a tool turn, when the format says it (otherwise it is found from <see cref="ToolCallId"/>).</summary>
    public string? ToolName { get; init; }

    /// <summary>Gets the number of parts that are not text (images, audio, files).</summary>
    public int AttachmentCount { get; init; }
}
