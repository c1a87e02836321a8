using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// Lenient readers of a Gemini body that already passed new-api's type checks. Where new-api's DTOs accept a
/// snake_case spelling too (<c>system_instruction</c>, <c>inline_data</c>, <c>mime_type</c>, the
/// <c>generationConfig</c> and <c>thinkingConfig</c> fields; new-api dto/gemini.go), the snake_case value wins when it is
/// present, as there; other snake_case keys are dropped by new-api's re-serialisation (docs/protocols/gateway.md#re-serialisation, docs/protocols/gemini.md) and are ignored here.
/// </summary>
internal static class GeminiJson
{
    /// <summary>A property of an object, the snake_case spelling first; <see langword="default"/> when absent or null.</summary>
    public static JsonElement Field(JsonElement obj, string camel, string? snake = null)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        if (snake is not null && obj.TryGetProperty(snake, out var snakeValue) && snakeValue.ValueKind != JsonValueKind.Null)
        {
            return snakeValue;
        }

        return obj.TryGetProperty(camel, out var value) && value.ValueKind != JsonValueKind.Null ? value : default;
    }

    /// <summary>An object property, or <see langword="default"/>.</summary>
    public static JsonElement Object(JsonElement obj, string camel, string? snake = null) =>
        Field(obj, camel, snake) is { ValueKind: JsonValueKind.Object } value ? value : default;

    /// <summary>The items of an array property; empty when it is missing or not an array.</summary>
    public static IReadOnlyList<JsonElement> Items(JsonElement obj, string camel, string? snake = null) =>
        Field(obj, camel, snake) is { ValueKind: JsonValueKind.Array } value ? [.. value.EnumerateArray()] : [];

    /// <summary>A string property, or <see langword="null"/>.</summary>
    public static string? Text(JsonElement obj, string camel, string? snake = null) =>
        Field(obj, camel, snake) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A boolean property, or <see langword="null"/>.</summary>
    public static bool? Bool(JsonElement obj, string camel, string? snake = null) =>
        Field(obj, camel, snake) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    /// <summary>An integer property, or <see langword="null"/> (also for a number that is not an integer).</summary>
    public static long? Integer(JsonElement obj, string camel, string? snake = null) =>
        Field(obj, camel, snake) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out long number) ? number : null;

    /// <summary>The parts of a content object (<c>{"role","parts":[…]}</c>), objects only.</summary>
    public static IEnumerable<JsonElement> Parts(JsonElement content) =>
        Items(content, "parts").Where(part => part.ValueKind == JsonValueKind.Object);

    /// <summary>The text of the non-thought text parts of a content object, joined with line breaks.</summary>
    public static string PartsText(JsonElement content) => string.Join(
        "\n",
        Parts(content).Where(part => Bool(part, "thought") != true).Select(part => Text(part, "text")).OfType<string>());

    /// <summary>The <c>inlineData</c> (or <c>inline_data</c>) or <c>fileData</c> of a part, or <see langword="default"/>.</summary>
    public static JsonElement Media(JsonElement part)
    {
        var inline = Object(part, "inlineData", "inline_data");
        return inline.ValueKind == JsonValueKind.Object ? inline : Object(part, "fileData");
    }

    /// <summary>The modality Gemini reports a media part under: <c>IMAGE</c>, <c>AUDIO</c>, <c>VIDEO</c> or <c>DOCUMENT</c>.</summary>
    public static string Modality(JsonElement media)
    {
        string mimeType = Text(media, "mimeType", "mime_type") ?? "";
        return mimeType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? "IMAGE"
            : mimeType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ? "AUDIO"
            : mimeType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) ? "VIDEO"
            : "DOCUMENT";
    }
}
