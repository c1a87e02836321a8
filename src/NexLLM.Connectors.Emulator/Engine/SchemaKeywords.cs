using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>Small readers of JSON-schema keywords and of what a property name suggests, for <see cref="SchemaValueBuilder"/>.</summary>
internal static class SchemaKeywords
{
    private static readonly HashSet<string> LocationNames = new(StringComparer.Ordinal)
    {
        "city", "location", "place", "town", "country", "region", "destination", "address", "origin", "where", "area",
        "state", "province", "locality", "village", "airport",
    };

    private static readonly HashSet<string> QueryNames = new(StringComparer.Ordinal)
    {
        "query", "q", "search", "search_query", "searchquery", "text", "prompt", "question", "input", "message", "content",
        "keywords", "keyword", "term", "terms", "expression", "sentence", "statement", "topic",
    };

    /// <summary>Whether a property holds free text to search or send (a query, a prompt, a message).</summary>
    public static bool IsQueryName(string name) => QueryNames.Contains(name);

    // Outside strings JSON is pure ASCII, so escaping every non-ASCII UTF-16 unit keeps the text valid and equal.
    public static string EscapeNonAscii(string json)
    {
        if (Ascii.IsValid(json))
        {
            return json;
        }

        var escaped = new StringBuilder(json.Length + 16);
        foreach (char c in json)
        {
            if (c < 128)
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return escaped.ToString();
    }

    public static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "string";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString()!;
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                // ["string", "null"]: the first type that is not null.
                var first = type.EnumerateArray().FirstOrDefault(t => t.ValueKind == JsonValueKind.String && t.GetString() != "null");
                return first.ValueKind == JsonValueKind.String ? first.GetString()! : "null";
            }
        }

        return schema.TryGetProperty("properties", out _) ? "object"
            : schema.TryGetProperty("items", out _) ? "array"
            : "string";
    }

    public static bool IsLocationName(string name, string description) =>
        LocationNames.Contains(name)
        || name.Contains("city", StringComparison.Ordinal)
        || name.Contains("location", StringComparison.Ordinal)
        || name.Contains("country", StringComparison.Ordinal)
        || (!IsQueryName(name) && (description.Contains("city", StringComparison.Ordinal) || description.Contains("location", StringComparison.Ordinal)));

    public static string Description(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()!.ToLowerInvariant()
            : "";

    public static string? Singular(string? name) => name switch
    {
        null => null,
        _ when name.EndsWith("ies", StringComparison.Ordinal) => name[..^3] + "y",
        _ when name.EndsWith('s') && name.Length > 3 => name[..^1],
        _ => name,
    };

    public static int? Integer(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var value) && value.TryGetInt32(out int number) ? number : null;

    public static double? Number(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
