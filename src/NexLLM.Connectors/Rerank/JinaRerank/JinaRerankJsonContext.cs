using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Rerank.JinaRerank;

/// <summary>Source-generated serialization of the <c>/v1/rerank</c> wire types (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JinaRerankRequest))]
[JsonSerializable(typeof(JinaRerankResponse))]
internal sealed partial class JinaRerankJsonContext : JsonSerializerContext;
