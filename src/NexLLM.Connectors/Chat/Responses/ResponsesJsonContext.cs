using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>Source-generated serialization of the Responses wire types (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ResponsesRequest))]
[JsonSerializable(typeof(ResponsesInputItem))]
[JsonSerializable(typeof(List<ResponsesInputPart>))]
[JsonSerializable(typeof(ResponsesResponse))]
[JsonSerializable(typeof(ResponsesStreamEvent))]
internal sealed partial class ResponsesJsonContext : JsonSerializerContext;
