using System.Text.Json.Serialization;

namespace NexLLM.Connectors;

/// <summary>
/// Source-generated JSON of the rerank types, for Trace logs: content is logged as JSON text, whose escaping keeps
/// server or user text from forging log lines.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IList<RerankResult>))]
internal sealed partial class RerankJsonContext : JsonSerializerContext;
