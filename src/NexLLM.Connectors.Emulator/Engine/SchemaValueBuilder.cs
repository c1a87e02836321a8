using System.Globalization;
using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>
/// Builds a JSON value that matches a JSON schema, filled from the user's words where that makes sense: tool-call
/// arguments and structured (<c>json_schema</c>) answers. Supports objects, arrays, scalars, enum, const, nullable
/// types, anyOf/oneOf/allOf (first option) and local <c>$ref</c>s.
/// </summary>
/// <remarks>
/// Non-ASCII text is written as <c>\uXXXX</c> escapes (like Python's <c>json.dumps</c>, which is why provider
/// arguments often look so): streamed arguments then really do get cut inside escapes.
/// </remarks>
internal sealed class SchemaValueBuilder
{
    private const int MaxDepth = 8;
    private const string DefaultPlace = "Paris";

    private readonly JsonElement _root;
    private readonly UserText _user;
    private readonly bool _includeOptional;
    private readonly int _placeIndex;
    private readonly string _fallbackText;
    private int _nextNumber;
    private int _nextQuoted;

    private SchemaValueBuilder(JsonElement root, UserText user, bool includeOptional, int placeIndex, string fallbackText)
    {
        _root = root;
        _user = user;
        _includeOptional = includeOptional;
        _placeIndex = placeIndex;
        _fallbackText = fallbackText;
    }

    /// <summary>
    /// Builds tool-call arguments: required properties always, optional ones only when the user's text names a value
    /// for them (an enum value, a place). <paramref name="placeIndex"/> picks the place of a parallel call.
    /// </summary>
    public static string BuildArguments(JsonElement? parameters, UserText user, int placeIndex)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } schema)
        {
            return "{}";
        }

        return new SchemaValueBuilder(schema, user, includeOptional: false, placeIndex, user.Topic).Write(schema);
    }

    /// <summary>Builds a whole document for a <c>json_schema</c> response format: every property present, free text from <paramref name="answer"/>.</summary>
    public static string BuildDocument(JsonElement schema, UserText user, string answer) =>
        new SchemaValueBuilder(schema, user, includeOptional: true, placeIndex: 0, answer).Write(schema);

    /// <summary>Whether the parameters have a top-level string property that names a place (so one call per place makes sense).</summary>
    public static bool TakesPlace(JsonElement? parameters) =>
        parameters is { ValueKind: JsonValueKind.Object } schema
        && schema.TryGetProperty("properties", out var properties)
        && properties.ValueKind == JsonValueKind.Object
        && properties.EnumerateObject().Any(p => SchemaKeywords.IsLocationName(p.Name.ToLowerInvariant(), SchemaKeywords.Description(p.Value)));

    private string Write(JsonElement schema)
    {
        string json = Hosting.JsonBuffer.ToText(writer => WriteValue(writer, schema, name: null, depth: 0));
        return SchemaKeywords.EscapeNonAscii(json);
    }

    private void WriteValue(Utf8JsonWriter writer, JsonElement schema, string? name, int depth)
    {
        schema = Resolve(schema);
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            // "true" schemas, recursion too deep: any value is valid, a string is the friendliest.
            writer.WriteStringValue(StringFor(name, default));
            return;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
        {
            PickEnum(options).WriteTo(writer);
            return;
        }

        if (!schema.TryGetProperty("type", out _) && !schema.TryGetProperty("properties", out _))
        {
            foreach (string combinator in new[] { "anyOf", "oneOf", "allOf" })
            {
                if (schema.TryGetProperty(combinator, out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
                {
                    var choice = choices.EnumerateArray().FirstOrDefault(c => SchemaKeywords.TypeOf(Resolve(c)) != "null");
                    WriteValue(writer, choice.ValueKind == JsonValueKind.Undefined ? choices[0] : choice, name, depth + 1);
                    return;
                }
            }
        }

        switch (SchemaKeywords.TypeOf(schema))
        {
            case "object":
                WriteObject(writer, schema, depth);
                break;
            case "array":
                WriteArray(writer, schema, name, depth);
                break;
            case "integer":
                writer.WriteNumberValue((long)Math.Round(NumberFor(schema, integer: true)));
                break;
            case "number":
                writer.WriteNumberValue(NumberFor(schema, integer: false));
                break;
            case "boolean":
                writer.WriteBooleanValue(true);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(StringFor(name, schema));
                break;
        }
    }

    private void WriteObject(Utf8JsonWriter writer, JsonElement schema, int depth)
    {
        writer.WriteStartObject();
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var property in properties.EnumerateObject())
            {
                if (required.Contains(property.Name) || _includeOptional || HasHint(property.Name, property.Value))
                {
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, property.Value, property.Name, depth + 1);
                }
            }
        }

        writer.WriteEndObject();
    }

    private void WriteArray(Utf8JsonWriter writer, JsonElement schema, string? name, int depth)
    {
        var items = schema.TryGetProperty("items", out var itemSchema) ? Resolve(itemSchema) : default;
        int count = Math.Max(1, SchemaKeywords.Integer(schema, "minItems") ?? 1);
        if (SchemaKeywords.Integer(schema, "maxItems") is { } max)
        {
            count = Math.Min(count, max);
        }

        writer.WriteStartArray();
        string? itemName = SchemaKeywords.Singular(name);
        if (SchemaKeywords.IsLocationName(itemName ?? "", "") && SchemaKeywords.TypeOf(items) == "string" && _user.Places.Count > 1)
        {
            // "cities": every place the user named.
            foreach (string place in _user.Places)
            {
                writer.WriteStringValue(place);
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                WriteValue(writer, items.ValueKind == JsonValueKind.Object ? items : schema, itemName, depth + 1);
            }
        }

        writer.WriteEndArray();
    }

    private bool HasHint(string name, JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            return options.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.String && MentionsValue(o.GetString()!));
        }

        return SchemaKeywords.TypeOf(schema) == "string" && SchemaKeywords.IsLocationName(name.ToLowerInvariant(), SchemaKeywords.Description(schema)) && _user.Places.Count > 0;
    }

    private JsonElement PickEnum(JsonElement options)
    {
        foreach (var option in options.EnumerateArray())
        {
            if (option.ValueKind == JsonValueKind.String && MentionsValue(option.GetString()!))
            {
                return option;
            }
        }

        return options[0];
    }

    private bool MentionsValue(string value) => value.Length > 0 && (value.Contains(' ', StringComparison.Ordinal)
        ? _user.Text.Contains(value, StringComparison.OrdinalIgnoreCase)
        : _user.Mentions(value));

    private string StringFor(string? name, JsonElement schema)
    {
        string lower = (name ?? "").ToLowerInvariant();
        string format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String
            ? f.GetString()!
            : "";
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        string value = format switch
        {
            "date" => today,
            "date-time" => today + "T12:00:00Z",
            "time" => "12:00:00",
            "email" => "user@example.com",
            "uri" or "url" or "iri" => "https://example.com",
            "uuid" => "00000000-0000-4000-8000-000000000001",
            _ => StringByName(lower, schema.ValueKind == JsonValueKind.Object ? SchemaKeywords.Description(schema) : "", today),
        };

        int? minLength = SchemaKeywords.Integer(schema, "minLength");
        int? maxLength = SchemaKeywords.Integer(schema, "maxLength");
        if (minLength is { } min && value.Length < min)
        {
            value = value.PadRight(min, 'x');
        }

        if (maxLength is { } max && value.Length > max)
        {
            value = value[..max];
        }

        return value;
    }

    private string StringByName(string name, string description, string today)
    {
        if (SchemaKeywords.IsLocationName(name, description))
        {
            return Place(_placeIndex);
        }

        if (name.Contains("date", StringComparison.Ordinal) || name == "day")
        {
            return today;
        }

        if (name.Contains("email", StringComparison.Ordinal))
        {
            return "user@example.com";
        }

        if (name is "url" or "uri" or "link" or "website" or "href")
        {
            return "https://example.com";
        }

        return name switch
        {
            _ when SchemaKeywords.IsQueryName(name) => NextQuoted() ?? (_user.IsEmpty ? _fallbackText : _user.Text),
            "unit" or "units" or "temperature_unit" => "celsius",
            "language" or "lang" or "locale" => "en",
            "currency" => "USD",
            "timezone" or "time_zone" or "tz" => "UTC",
            "id" => "1",
            "name" or "title" or "subject" or "label" => NextQuoted() ?? _user.Topic,
            _ => NextQuoted() ?? _fallbackText,
        };
    }

    private double NumberFor(JsonElement schema, bool integer)
    {
        double value = _nextNumber < _user.Numbers.Count ? _user.Numbers[_nextNumber++] : 1;
        double step = integer ? 1 : 0.5;
        if (SchemaKeywords.Number(schema, "minimum") is { } min && value < min)
        {
            value = min;
        }

        if (SchemaKeywords.Number(schema, "exclusiveMinimum") is { } exclusiveMin && value <= exclusiveMin)
        {
            value = exclusiveMin + step;
        }

        if (SchemaKeywords.Number(schema, "maximum") is { } max && value > max)
        {
            value = max;
        }

        if (SchemaKeywords.Number(schema, "exclusiveMaximum") is { } exclusiveMax && value >= exclusiveMax)
        {
            value = exclusiveMax - step;
        }

        return value;
    }

    private string Place(int index) =>
        _user.Places.Count == 0 ? DefaultPlace : _user.Places[Math.Min(index, _user.Places.Count - 1)];

    private string? NextQuoted() => _nextQuoted < _user.Quoted.Count ? _user.Quoted[_nextQuoted++] : null;

    /// <summary>Follows a local <c>$ref</c> (<c>#</c>, <c>#/$defs/X</c>, <c>#/definitions/X</c>, any JSON pointer into the root).</summary>
    private JsonElement Resolve(JsonElement schema)
    {
        for (int hops = 0; hops < MaxDepth; hops++)
        {
            if (schema.ValueKind != JsonValueKind.Object
                || !schema.TryGetProperty("$ref", out var reference)
                || reference.ValueKind != JsonValueKind.String
                || !reference.GetString()!.StartsWith('#'))
            {
                return schema;
            }

            var target = _root;
            foreach (string segment in reference.GetString()![1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                string key = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(key, out target))
                {
                    return default;
                }
            }

            schema = target;
        }

        return schema;
    }
}
