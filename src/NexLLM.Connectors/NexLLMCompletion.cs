using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors;

/// <summary>Represents the answer to a legacy completion request (<c>POST /v1/completions</c>, docs/protocols/completions.md).</summary>
public sealed class NexLLMCompletion
{
    /// <summary>Gets or sets the completion's id (<c>cmpl-…</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the model that answered.</summary>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets when the completion was created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Gets or sets the generated texts, in <see cref="NexLLMCompletionChoice.Index"/> order.</summary>
    public IReadOnlyList<NexLLMCompletionChoice> Choices { get; set; } = [];

    /// <summary>Gets the first choice's text, or an empty string when there is none.</summary>
    [JsonIgnore]
    public string Text => Choices.Count > 0 ? Choices[0].Text : string.Empty;

    /// <summary>Gets or sets the token counts of the request.</summary>
    public UsageDetails? Usage { get; set; }

    /// <summary>Gets or sets the gateway's request id (<c>X-Oneapi-Request-Id</c>), for support tickets.</summary>
    public string? RequestId { get; set; }

    /// <summary>Gets or sets the answer as the gateway sent it: the whole body, a <see cref="System.Text.Json.JsonElement"/>.</summary>
    [JsonIgnore]
    public object? RawRepresentation { get; set; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
