using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Realtime;

/// <summary>Source-generated serialization of the realtime events (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RealtimeClientEvent))]
[JsonSerializable(typeof(RealtimeServerEvent))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext;
