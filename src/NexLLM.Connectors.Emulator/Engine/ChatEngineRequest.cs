namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>A chat request in neutral terms: each wire format reads its own request into one of these.</summary>
internal sealed record ChatEngineRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<ChatTurn> Turns { get; init; }

    public IReadOnlyList<ChatToolDefinition> Tools { get; init; } = [];

    public ChatToolChoice ToolChoice { get; init; } = ChatToolChoice.Auto;

    public bool ParallelToolCalls { get; init; } = true;

    /// <summary>Gets whether the caller asked for reasoning (an effort other than none, a thinking budget, a <c>-thinking</c> model).</summary>
    public bool ReasoningRequested { get; init; }

    public int? MaxOutputTokens { get; init; }

    public IReadOnlyList<string> StopSequences { get; init; } = [];

    public ChatResponseFormat ResponseFormat { get; init; } = ChatResponseFormat.Text;

    /// <summary>Gets the maker of new tool-call ids, in the format's style (OpenAI's <c>call_…</c> by default, Claude's <c>toolu_…</c>).</summary>
    public Func<string> NewToolCallId { get; init; } = ChatToolCall.NewId;

    /// <summary>Gets the text of the last user turn, or an empty string.</summary>
    public string LastUserText => Turns.LastOrDefault(t => t.Role == ChatRole.User)?.Text ?? "";

    /// <summary>Gets the attachments of the last user turn.</summary>
    public int LastUserAttachmentCount => Turns.LastOrDefault(t => t.Role == ChatRole.User)?.AttachmentCount ?? 0;

    /// <summary>Gets the tool results that end the conversation (function name and content), in order; empty when it ends otherwise.</summary>
    public IReadOnlyList<(string Name, string Content)> TrailingToolResults()
    {
        int first = Turns.Count;
        while (first > 0 && Turns[first - 1].Role == ChatRole.Tool)
        {
            first--;
        }

        var results = new List<(string, string)>();
        for (int i = first; i < Turns.Count; i++)
        {
            var turn = Turns[i];
            string name = turn.ToolName ?? FindCallName(turn.ToolCallId) ?? "the tool";
            results.Add((name, turn.Text));
        }

        return results;
    }

    private string? FindCallName(string? callId) => callId is null
        ? null
        : Turns.SelectMany(t => t.ToolCalls).LastOrDefault(c => c.Id == callId)?.Name;
}
