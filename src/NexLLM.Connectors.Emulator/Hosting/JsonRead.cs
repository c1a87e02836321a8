using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Lenient readers for a body that already passed new-api's type checks (<see cref="GoJsonFields"/>): a missing field,
/// a JSON <c>null</c> or a value of another kind reads as absent, so mapping a request never throws.
/// </summary>
internal static class JsonRead
{
    /// <summary>A property of an object, or <see langword="default"/> when <paramref name="obj"/> is not an object or has no such property.</summary>
    public static JsonElement Field(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : default;

    /// <summary>An object property, or <see langword="default"/>.</summary>
    public static JsonElement Object(JsonElement obj, string name) =>
        Field(obj, name) is { ValueKind: JsonValueKind.Object } value ? value : default;

    /// <summary>The items of an array property; empty when it is missing or not an array.</summary>
    public static IReadOnlyList<JsonElement> Items(JsonElement obj, string name) =>
        Field(obj, name) is { ValueKind: JsonValueKind.Array } value ? [.. value.EnumerateArray()] : [];

    /// <summary>A string property, or <see langword="null"/>.</summary>
    public static string? Text(JsonElement obj, string name) =>
        Field(obj, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A boolean property, or <see langword="null"/>.</summary>
    public static bool? Bool(JsonElement obj, string name) =>
        Field(obj, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    /// <summary>An integer property, or <see langword="null"/> (also for a number that is not an integer).</summary>
    public static long? Integer(JsonElement obj, string name) =>
        Field(obj, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out long number) ? number : null;
}
