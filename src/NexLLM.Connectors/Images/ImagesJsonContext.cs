using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Images;

/// <summary>Source-generated serialization of the images request (trimming- and AOT-safe); answers are read by <see cref="ImageResponseReader"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageRequest))]
internal sealed partial class ImagesJsonContext : JsonSerializerContext;
