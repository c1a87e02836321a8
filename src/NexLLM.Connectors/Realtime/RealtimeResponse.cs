using System.Text.Json;

namespace NexLLM.Connectors.Realtime;

/// <summary>The <c>response</c> of <c>response.created</c> and <c>response.done</c>.</summary>
internal sealed class RealtimeResponse
{
    public string? Id { get; init; }

    /// <summary>Gets <c>in_progress</c>, <c>completed</c>, <c>cancelled</c>, <c>incomplete</c> or <c>failed</c>.</summary>
    public string? Status { get; init; }

    public RealtimeStatusDetails? StatusDetails { get; init; }

    public IReadOnlyList<RealtimeItem>? Output { get; init; }

    public IReadOnlyList<string>? Modalities { get; init; }

    /// <summary>Gets the GA name of <see cref="Modalities"/>.</summary>
    public IReadOnlyList<string>? OutputModalities { get; init; }

    public string? Voice { get; init; }

    /// <summary>Gets the token limit: a number, or <c>"inf"</c>.</summary>
    public JsonElement? MaxOutputTokens { get; init; }

    public RealtimeUsage? Usage { get; init; }

    /// <summary>Gets the metadata the response was created with.</summary>
    public Dictionary<string, JsonElement>? Metadata { get; init; }
}
