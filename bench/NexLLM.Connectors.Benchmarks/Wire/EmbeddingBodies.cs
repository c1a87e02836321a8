using System.Runtime.InteropServices;

namespace NexLLM.Connectors.Benchmarks.Wire;

/// <summary>
/// <c>/v1/embeddings</c> answers for a batch of inputs: base64 as api.openai.com writes it (pretty-printed, each vector
/// little-endian float32 in base64), and compact float arrays as a Jina channel answers through new-api when base64
/// was asked for (docs/protocols/embeddings.md: the adaptor blanks <c>encoding_format</c>).
/// </summary>
internal static class EmbeddingBodies
{
    public const string Model = "text-embedding-3-small";

    /// <summary>The inputs: short passages, as a RAG indexer sends them.</summary>
    public static string[] Inputs(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"Passage {i}: the gateway streams tokens to every client that asks for them, and each one arrives in its own event.")];

    public static byte[] Base64(int count, int dimensions) => Json.Write(
        w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            float[][] vectors = Vectors(count, dimensions);
            for (int i = 0; i < count; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                w.WriteBase64String("embedding", MemoryMarshal.AsBytes(vectors[i].AsSpan()));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", Model);
            WriteUsage(w, count);
            w.WriteEndObject();
        },
        indented: true);

    public static byte[] Floats(int count, int dimensions) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("model", Model);
        w.WriteString("object", "list");
        WriteUsage(w, count);
        w.WriteStartArray("data");
        float[][] vectors = Vectors(count, dimensions);
        for (int i = 0; i < count; i++)
        {
            w.WriteStartObject();
            w.WriteString("object", "embedding");
            w.WriteNumber("index", i);
            w.WriteStartArray("embedding");
            foreach (float value in vectors[i])
            {
                w.WriteNumberValue(value);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Unit vectors of normally distributed components, like a real model's: about ±0.025 each at 1,536 dimensions.</summary>
    private static float[][] Vectors(int count, int dimensions)
    {
        var random = new Random(7);
        var vectors = new float[count][];
        for (int i = 0; i < count; i++)
        {
            var vector = new float[dimensions];
            double norm = 0;
            for (int d = 0; d < dimensions; d++)
            {
                double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                vector[d] = (float)gaussian;
                norm += gaussian * gaussian;
            }

            float scale = (float)(1 / Math.Sqrt(norm));
            for (int d = 0; d < dimensions; d++)
            {
                vector[d] *= scale;
            }

            vectors[i] = vector;
        }

        return vectors;
    }

    private static void WriteUsage(System.Text.Json.Utf8JsonWriter w, int count)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", count * 24);
        w.WriteNumber("total_tokens", count * 24);
        w.WriteEndObject();
    }
}
