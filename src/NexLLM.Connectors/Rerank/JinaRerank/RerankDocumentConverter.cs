using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Rerank.JinaRerank;

/// <summary>
/// Reads a result's <c>document</c>, which new-api copies from upstream as it is: <c>{"text": "…"}</c> or a plain string
/// (docs/protocols/rerank.md). Anything else carries no text we can use and reads as none.
/// </summary>
internal sealed class RerankDocumentConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.StartObject:
                string? text = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isText = reader.ValueTextEquals("text"u8);
                    reader.Read();
                    if (isText && reader.TokenType == JsonTokenType.String)
                    {
                        text = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return text;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
