using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// What one <c>response.create</c> overrides for its response only (openai-python beta <c>response_create_event.py</c>:
/// <c>modalities</c>, <c>instructions</c>, <c>max_response_output_tokens</c>; GA: <c>output_modalities</c>,
/// <c>max_output_tokens</c>); everything else comes from the session.
/// </summary>
/// <param name="Modalities">The modalities, or <see langword="null"/> for the session's.</param>
/// <param name="Instructions">The instructions, or <see langword="null"/> for the session's.</param>
/// <param name="MaxOutputTokens">The limit, or <see langword="null"/> for the session's.</param>
internal sealed record RealtimeResponseOptions(IReadOnlyList<string>? Modalities, string? Instructions, int? MaxOutputTokens)
{
    /// <summary>Gets the <c>metadata</c> object the response echoes, or <see langword="null"/>.</summary>
    public JsonElement? Metadata { get; init; }

    public static RealtimeResponseOptions Read(JsonElement root)
    {
        if (!root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object)
        {
            return new RealtimeResponseOptions(null, null, null);
        }

        IReadOnlyList<string>? modalities = null;
        if (response.TryGetProperty("modalities", out var beta) && beta.ValueKind == JsonValueKind.Array)
        {
            modalities = beta.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() == "audio") ? ["text", "audio"] : ["text"];
        }
        else if (response.TryGetProperty("output_modalities", out var ga) && ga.ValueKind == JsonValueKind.Array)
        {
            modalities = ga.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() == "audio") ? ["text", "audio"] : ["text"];
        }

        string? instructions = response.TryGetProperty("instructions", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        int? limit = null;
        foreach (string name in new[] { "max_response_output_tokens", "max_output_tokens" })
        {
            if (response.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int tokens))
            {
                limit = tokens;
            }
        }

        JsonElement? metadata = response.TryGetProperty("metadata", out var pairs) && pairs.ValueKind == JsonValueKind.Object ? pairs.Clone() : null;
        return new RealtimeResponseOptions(modalities, instructions, limit) { Metadata = metadata };
    }
}
