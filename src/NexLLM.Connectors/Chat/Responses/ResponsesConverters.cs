using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>Writes the input items: an item held as JSON as it is, every other through the source-generated serializer.</summary>
internal sealed class InputItemsConverter : JsonConverter<List<ResponsesInputItem>>
{
    /// <summary>Request-only: never read.</summary>
    public override List<ResponsesInputItem>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Input items are only written.");

    public override void Write(Utf8JsonWriter writer, List<ResponsesInputItem> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (ResponsesInputItem item in value)
        {
            if (item.Raw is { } raw)
            {
                raw.WriteTo(writer);
            }
            else
            {
                JsonSerializer.Serialize(writer, item, ResponsesJsonContext.Default.ResponsesInputItem);
            }
        }

        writer.WriteEndArray();
    }
}

/// <summary>Writes content as a plain string when it is one text, else as an array of parts.</summary>
internal sealed class ResponsesContentConverter : JsonConverter<ResponsesContent>
{
    /// <summary>Request-only: never read.</summary>
    public override ResponsesContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Input content is only written.");

    public override void Write(Utf8JsonWriter writer, ResponsesContent value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
        {
            JsonSerializer.Serialize(writer, parts, ResponsesJsonContext.Default.ListResponsesInputPart);
        }
        else
        {
            writer.WriteStringValue(value.Text ?? string.Empty);
        }
    }
}

/// <summary>Writes <c>tool_choice</c>: a mode string, or <c>{"type":"function","name":...}</c> (flat, unlike chat completions).</summary>
internal sealed class ResponsesToolChoiceConverter : JsonConverter<ResponsesToolChoice>
{
    /// <summary>Request-only: never read.</summary>
    public override ResponsesToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("tool_choice is only written.");

    public override void Write(Utf8JsonWriter writer, ResponsesToolChoice value, JsonSerializerOptions options)
    {
        if (value.FunctionName is { } name)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteString("name"u8, name);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(value.Mode);
        }
    }
}
