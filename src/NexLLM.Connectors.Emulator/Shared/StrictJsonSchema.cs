using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Shared;

/// <summary>
/// OpenAI's structured-outputs rules for a schema sent with <c>strict: true</c> (docs/emulator.md#strict-mode): every object
/// must say <c>"additionalProperties": false</c>, and every object with <c>properties</c> must list each of them in
/// <c>required</c> (an optional field is written as nullable instead). The first violation, depth first in the schema's
/// order, is reported as OpenAI words it: <c>In context=('properties', 'address'), 'additionalProperties' is required to be
/// supplied and to be false.</c>, the context being the path to the object as a Python tuple.
/// </summary>
internal static class StrictJsonSchema
{
    // Keywords whose value is a schema, and those whose value maps names or indices to schemas.
    private static readonly string[] SchemaKeywords = ["items", "not", "if", "then", "else", "contains", "additionalItems"];
    private static readonly string[] SchemaMapKeywords = ["properties", "$defs", "definitions", "patternProperties"];
    private static readonly string[] SchemaListKeywords = ["anyOf", "allOf", "oneOf", "prefixItems"];

    /// <summary>Returns the first violation (<c>In context=…, …</c>), or <see langword="null"/> when the schema is strict.</summary>
    public static string? FindViolation(JsonElement schema) => Check(schema, []);

    private static string? Check(JsonElement schema, List<string> path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (IsObject(schema))
        {
            if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
            {
                return $"In context={Context(path)}, 'additionalProperties' is required to be supplied and to be false.";
            }

            if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                    ? r.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => k.GetString()!).ToHashSet(StringComparer.Ordinal)
                    : [];
                if (properties.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !required.Contains(name)) is { } missing)
                {
                    return $"In context={Context(path)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '{missing}'.";
                }
            }
        }

        foreach (var property in schema.EnumerateObject())
        {
            if (CheckChildren(property, path) is { } violation)
            {
                return violation;
            }
        }

        return null;
    }

    private static string? CheckChildren(JsonProperty property, List<string> path)
    {
        var value = property.Value;
        if (SchemaKeywords.Contains(property.Name))
        {
            return Check(value, [.. path, property.Name]);
        }

        if (SchemaMapKeywords.Contains(property.Name) && value.ValueKind == JsonValueKind.Object)
        {
            return value.EnumerateObject().Select(child => Check(child.Value, [.. path, property.Name, child.Name])).FirstOrDefault(v => v is not null);
        }

        if (SchemaListKeywords.Contains(property.Name) && value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray()
                .Select((child, i) => Check(child, [.. path, property.Name, i.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                .FirstOrDefault(v => v is not null);
        }

        return null;
    }

    // An object schema: "type": "object" (alone or in a list of types), or properties without a type.
    private static bool IsObject(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _);
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => type.GetString() == "object",
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "object"),
            _ => false,
        };
    }

    // A Python tuple of strings: (), ('items',), ('properties', 'a').
    private static string Context(List<string> path) => path.Count switch
    {
        0 => "()",
        1 => $"('{path[0]}',)",
        _ => "(" + string.Join(", ", path.Select(p => $"'{p}'")) + ")",
    };
}
