using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Common;

/// <summary>Source-generated serialization of the format-neutral JSON shapes shared by every adapter.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SharedJsonContext : JsonSerializerContext;
