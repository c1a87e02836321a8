using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>Source-generated serialization of the chat-completions wire types (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(ToolChoiceConverter)])]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(List<ContentPart>))]
internal sealed partial class ChatCompletionsJsonContext : JsonSerializerContext;
