using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// Renders streamed updates as text, field by field, so that two runs over differently framed bytes can be compared
/// exactly ("identical updates every time").
/// </summary>
public static class UpdateText
{
    public static string Render(IEnumerable<ChatResponseUpdate> updates)
    {
        var text = new StringBuilder();
        foreach (ChatResponseUpdate update in updates)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{update.Role}|{update.ResponseId}|{update.MessageId}|{update.ModelId}|{update.CreatedAt:O}|{update.FinishReason}]");
            foreach (AIContent content in update.Contents)
            {
                text.Append(' ').Append(Render(content));
            }

            foreach (var property in update.AdditionalProperties ?? [])
            {
                text.Append(CultureInfo.InvariantCulture, $" {property.Key}={property.Value}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static string Render(AIContent content) => content switch
    {
        TextReasoningContent reasoning => $"reasoning:{JsonSerializer.Serialize(reasoning.Text)}",
        TextContent text => $"text:{JsonSerializer.Serialize(text.Text)}",
        FunctionCallContent call => $"call:{call.CallId}/{call.Name}/{Arguments(call)}{(call.Exception is null ? string.Empty : "/error")}",
        UsageContent usage => $"usage:{usage.Details.InputTokenCount}/{usage.Details.OutputTokenCount}/{usage.Details.TotalTokenCount}",
        ErrorContent error => $"error:{error.ErrorCode}:{error.Message}",
        _ => content.GetType().Name,
    };

    /// <summary>The arguments as the exact raw JSON text of each value (<see cref="JsonElement.GetRawText"/> keeps escapes).</summary>
    public static string Arguments(FunctionCallContent call) =>
        call.Arguments is null
            ? "null"
            : "{" + string.Join(",", call.Arguments.Select(a => $"{a.Key}={(a.Value is JsonElement e ? e.GetRawText() : a.Value?.ToString())}")) + "}";

    /// <summary>All text of the updates, concatenated.</summary>
    public static string AllText(IEnumerable<ChatResponseUpdate> updates) =>
        string.Concat(updates.SelectMany(u => u.Contents).OfType<TextContent>().Select(c => c.Text));
}
