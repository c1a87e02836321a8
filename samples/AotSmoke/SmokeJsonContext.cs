using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Samples.AotSmoke;

/// <summary>The JSON contracts of the tool's parameter and result, generated at compile time (no reflection).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class SmokeJsonContext : JsonSerializerContext;
