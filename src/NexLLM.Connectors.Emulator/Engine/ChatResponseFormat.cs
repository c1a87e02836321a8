using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>The requested response format.</summary>
/// <param name="Kind">Text, a JSON object or JSON with a schema.</param>
/// <param name="Schema">The schema of <see cref="ResponseFormatKind.JsonSchema"/> (a detached element).</param>
internal sealed record ChatResponseFormat(ResponseFormatKind Kind, JsonElement? Schema = null)
{
    public static ChatResponseFormat Text { get; } = new(ResponseFormatKind.Text);
}
