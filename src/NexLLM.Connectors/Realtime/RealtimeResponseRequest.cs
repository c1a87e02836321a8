namespace NexLLM.Connectors.Realtime;

/// <summary>The <c>response</c> of <c>response.create</c>: settings of this one response over the session's.</summary>
internal sealed class RealtimeResponseRequest
{
    public IReadOnlyList<string>? Modalities { get; init; }

    public string? Instructions { get; init; }

    public string? Voice { get; init; }

    public string? OutputAudioFormat { get; init; }

    public IReadOnlyList<RealtimeTool>? Tools { get; init; }

    public string? ToolChoice { get; init; }

    public int? MaxResponseOutputTokens { get; init; }

    /// <summary>Gets <c>"none"</c> for a response kept out of the conversation.</summary>
    public string? Conversation { get; init; }

    /// <summary>Gets the response's metadata: string pairs the server hands back on the response (M.E.AI's AdditionalProperties).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the items the response answers instead of the conversation.</summary>
    public IReadOnlyList<RealtimeItem>? Input { get; init; }
}
