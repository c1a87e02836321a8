using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Benchmarks;

/// <summary>The little JSON the floor's requests need, source-generated like the library's.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
