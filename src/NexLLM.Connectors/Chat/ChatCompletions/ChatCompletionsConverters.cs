using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>Writes message content as a plain string when it is one text, else as an array of parts.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    /// <summary>Request-only: never read.</summary>
    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Message content is only written.");

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
        {
            JsonSerializer.Serialize(writer, parts, ChatCompletionsJsonContext.Default.ListContentPart);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}

/// <summary>Writes <c>tool_choice</c>: a mode string, or <c>{"type":"function","function":{"name":...}}</c>.</summary>
internal sealed class ToolChoiceConverter : JsonConverter<ToolChoice>
{
    /// <summary>Request-only: never read.</summary>
    public override ToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("tool_choice is only written.");

    public override void Write(Utf8JsonWriter writer, ToolChoice value, JsonSerializerOptions options)
    {
        if (value.FunctionName is { } name)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, name);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(value.Mode);
        }
    }
}
