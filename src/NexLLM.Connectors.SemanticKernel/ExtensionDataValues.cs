using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Reads the values of <see cref="PromptExecutionSettings.ExtensionData"/> keys, for every settings mapping of this
/// package: a value arrives as a .NET value (set in code) or as a <see cref="JsonElement"/> (read from a prompt template
/// or configuration), and a known key with a value of the wrong type is an <see cref="ArgumentException"/> that names it.
/// </summary>
internal static class ExtensionDataValues
{
    public static int? TakeInt(AdditionalPropertiesDictionary extras, string key) => Take(extras, key, ToInt);

    public static string? TakeText(AdditionalPropertiesDictionary extras, string key) => Take(extras, key, ToText);

    public static IList<string>? TakeStrings(AdditionalPropertiesDictionary extras, string key) => Take(extras, key, ToStrings);

    /// <summary>Removes a key and converts its value; <see langword="null"/> when the key is absent or null.</summary>
    public static T? Take<T>(AdditionalPropertiesDictionary extras, string key, Func<object, string, T?> convert)
    {
        if (!extras.Remove(key, out object? value) || value is null || value is JsonElement { ValueKind: JsonValueKind.Null })
        {
            return default;
        }

        return convert(value, key);
    }

    public static void AddIfSet(AdditionalPropertiesDictionary extras, string key, object? value)
    {
        if (value is not null)
        {
            extras.TryAdd(key, value);
        }
    }

    public static int? ToInt(object value, string key) => value switch
    {
        int number => number,
        long number when number is >= int.MinValue and <= int.MaxValue => (int)number,
        double number when number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue => (int)number,
        string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) => number,
        JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetInt32(out int number) => number,
        JsonElement { ValueKind: JsonValueKind.String } element when int.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) => number,
        _ => throw Wrong(key, "an integer", value),
    };

    public static float? ToFloat(object value, string key) => value switch
    {
        float number => number,
        double number => (float)number,
        int number => number,
        long number => number,
        decimal number => (float)number,
        string text when float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float number) => number,
        JsonElement { ValueKind: JsonValueKind.Number } element => element.GetSingle(),
        JsonElement { ValueKind: JsonValueKind.String } element when float.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out float number) => number,
        _ => throw Wrong(key, "a number", value),
    };

    public static bool? ToBool(object value, string key) => value switch
    {
        bool flag => flag,
        string text when bool.TryParse(text, out bool flag) => flag,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        _ => throw Wrong(key, "a boolean", value),
    };

    public static string? ToText(object value, string key) => value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        _ => throw Wrong(key, "a string", value),
    };

    public static IList<string>? ToStrings(object value, string key) => value switch
    {
        string text => [text],
        IEnumerable<string> texts => [.. texts],
        JsonElement { ValueKind: JsonValueKind.String } element => [element.GetString()!],
        JsonElement { ValueKind: JsonValueKind.Array } element when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            [.. element.EnumerateArray().Select(e => e.GetString()!)],
        _ => throw Wrong(key, "a string or a list of strings", value),
    };

    public static ArgumentException Wrong(string key, string expected, object value) =>
        new($"PromptExecutionSettings.ExtensionData[\"{key}\"] must be {expected}, not {(value is JsonElement element ? element.ValueKind.ToString() : value.GetType().Name)}.");
}
