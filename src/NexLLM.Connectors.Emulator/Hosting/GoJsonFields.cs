using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Reads the fields of a request body the way Go's <c>encoding/json</c> unmarshals it into one of new-api's structs:
/// a field of the wrong JSON type fails with Go's message (e.g. <c>json: cannot unmarshal string into Go struct field
/// ClaudeRequest.max_tokens of type uint</c>), a JSON <c>null</c> leaves the field unset. Failures are
/// <see cref="FormatException"/>s, which the endpoints answer as new-api's request validation errors (docs/protocols/gateway.md#statuses).
/// </summary>
/// <param name="structName">The Go struct the body unmarshals into, e.g. <c>ClaudeRequest</c>.</param>
internal sealed class GoJsonFields(string structName)
{
    public string? OptionalString(JsonElement obj, string name, string? path = null)
    {
        CheckKind(obj, name, "string", path, JsonValueKind.String);
        return obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    public bool? OptionalBool(JsonElement obj, string name, string? path = null)
    {
        CheckKind(obj, name, "bool", path, JsonValueKind.True, JsonValueKind.False);
        return obj.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
    }

    /// <summary>Reads a Go <c>int</c> or <c>uint</c> field: fractional numbers (and negative ones for <c>uint</c>) fail to unmarshal.</summary>
    public long? OptionalInteger(JsonElement obj, string name, bool unsigned, string? path = null)
    {
        string goType = unsigned ? "uint" : "int";
        CheckKind(obj, name, goType, path, JsonValueKind.Number);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        if (!value.TryGetInt64(out long number) || (unsigned && number < 0))
        {
            throw new FormatException($"json: cannot unmarshal number {value.GetRawText()} into Go struct field {structName}.{path ?? name} of type {goType}");
        }

        return number;
    }

    /// <summary>Fails with Go's message when the field is present, not null, and of none of the <paramref name="allowed"/> kinds.</summary>
    /// <param name="obj">The object that holds the field (anything else is ignored).</param>
    /// <param name="name">The field name.</param>
    /// <param name="goType">The Go type named in the message, e.g. <c>float64</c>, <c>[]dto.ClaudeMessage</c>.</param>
    /// <param name="path">The field's path in the message when it is nested (e.g. <c>messages.role</c>); the name otherwise.</param>
    /// <param name="allowed">The JSON kinds Go accepts for that type.</param>
    public void CheckKind(JsonElement obj, string name, string goType, string? path, params JsonValueKind[] allowed)
    {
        if (obj.ValueKind == JsonValueKind.Object
            && obj.TryGetProperty(name, out var value)
            && value.ValueKind != JsonValueKind.Null
            && !allowed.Contains(value.ValueKind))
        {
            throw new FormatException($"json: cannot unmarshal {GoKind(value.ValueKind)} into Go struct field {structName}.{path ?? name} of type {goType}");
        }
    }

    /// <summary>The message for a body whose root is not a JSON object.</summary>
    public FormatException NotAnObject(JsonValueKind kind) =>
        new($"json: cannot unmarshal {GoKind(kind)} into Go value of type dto.{structName}");

    /// <summary>Go's name of a JSON kind in unmarshal errors.</summary>
    public static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
