using System.Text.Json;
using System.Text.Json.Nodes;

namespace NexLLM.Connectors.Common;

/// <summary>
/// The caller's extra fields (<see cref="RequestBody.ExtraFields"/>) merged into the text fields of a multipart form, by
/// the rule every adapter follows for <c>AdditionalProperties</c>: an extra replaces the adapter's own field of the same
/// name, in place, so that a field is never sent twice; other extras follow the mapped fields.
/// </summary>
internal static class FormFields
{
    /// <summary>Merges <paramref name="extras"/> into <paramref name="fields"/>.</summary>
    /// <param name="fields">The mapped fields, in order; a name may repeat (<c>timestamp_granularities[]</c>).</param>
    /// <param name="extras">
    /// The caller's fields, or <see langword="null"/>. A JSON null removes a field (a form has no null); a JSON array sends
    /// one field per item under the same name, as forms send lists (<c>include[]</c>).
    /// </param>
    /// <returns><paramref name="fields"/>, changed.</returns>
    public static List<KeyValuePair<string, string>> Merge(List<KeyValuePair<string, string>> fields, JsonObject? extras)
    {
        if (extras is null)
        {
            return fields;
        }

        foreach (KeyValuePair<string, JsonNode?> extra in extras)
        {
            int at = fields.FindIndex(field => field.Key == extra.Key);
            if (at >= 0)
            {
                fields.RemoveAll(field => field.Key == extra.Key);
            }
            else
            {
                at = fields.Count;
            }

            fields.InsertRange(at, Values(extra.Key, extra.Value));
        }

        return fields;
    }

    private static IEnumerable<KeyValuePair<string, string>> Values(string name, JsonNode? value) => value switch
    {
        null => [],
        JsonArray items => items.Where(item => item is not null).Select(item => new KeyValuePair<string, string>(name, Text(item!))),
        _ => [new KeyValuePair<string, string>(name, Text(value))],
    };

    /// <summary>A field's text: a JSON string as it is, any other value as its JSON (<c>512</c>, <c>true</c>, <c>{"a":1}</c>).</summary>
    private static string Text(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
}
