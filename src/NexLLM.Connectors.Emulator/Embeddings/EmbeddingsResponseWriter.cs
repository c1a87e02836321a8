using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Embeddings;

/// <summary>
/// Writes the answer of <c>POST /v1/embeddings</c> as OpenAI does and new-api passes it through (docs/protocols/embeddings.md):
/// <c>{"object":"list","data":[{"object":"embedding","index":0,"embedding":…}],"model":…,"usage":{"prompt_tokens","total_tokens"}}</c>.
/// </summary>
internal static class EmbeddingsResponseWriter
{
    public static byte[] Write(EmbeddingsCall call, IReadOnlyList<float[]> vectors) => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        for (int i = 0; i < vectors.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("object", "embedding");
            w.WriteNumber("index", i);
            if (call.Base64)
            {
                w.WriteBase64String("embedding", LittleEndianBytes(vectors[i]));
            }
            else
            {
                w.WriteStartArray("embedding");
                foreach (float value in vectors[i])
                {
                    w.WriteNumberValue(value);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("model", call.Model);
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", call.PromptTokens);
        w.WriteNumber("total_tokens", call.PromptTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>base64 carries raw float32 bytes, little-endian, whatever the machine (docs/protocols/embeddings.md).</summary>
    private static ReadOnlySpan<byte> LittleEndianBytes(float[] vector)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(vector.AsSpan());
        }

        int[] swapped = new int[vector.Length];
        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(vector.AsSpan()), swapped);
        return MemoryMarshal.AsBytes(swapped.AsSpan());
    }
}
