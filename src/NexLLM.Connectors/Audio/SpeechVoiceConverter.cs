using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Audio;

/// <summary>Writes a <see cref="SpeechVoice"/> as a string or as <c>{"id":...}</c>; requests are only written, never read.</summary>
internal sealed class SpeechVoiceConverter : JsonConverter<SpeechVoice>
{
    public override SpeechVoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A speech request is only written.");

    public override void Write(Utf8JsonWriter writer, SpeechVoice value, JsonSerializerOptions options)
    {
        if (value.IsCustom)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, value.Value);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}
