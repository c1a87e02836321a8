using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Embeddings;

/// <summary>
/// Reads an embedding vector written either as base64 of little-endian float32 bytes or as a JSON array of numbers,
/// straight into its final <see cref="float"/> array: no intermediate list, no decoded byte copy (docs/protocols/embeddings.md#gotchas:
/// we ask for base64, but some upstreams, e.g. Jina through new-api, answer with float arrays anyway).
/// </summary>
internal sealed class FloatVectorConverter : JsonConverter<float[]>
{
    private const int InitialArrayCapacity = 1024;

    public override bool HandleNull => true;

    public override float[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => ReadBase64(ref reader),
        JsonTokenType.StartArray => ReadArray(ref reader),
        _ => throw new JsonException($"An embedding must be a base64 string or an array of numbers, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (float item in value)
        {
            writer.WriteNumberValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Decodes base64 text into float32 values, little-endian on the wire whatever the machine's byte order.</summary>
    internal static float[] DecodeBase64(ReadOnlySpan<byte> utf8)
    {
        // Padded base64: 4 characters per 3 bytes, '=' for the missing ones. A vector is a whole number of 4-byte floats.
        int padding = utf8.Length == 0 ? 0 : utf8[^1] != '=' ? 0 : utf8.Length > 1 && utf8[^2] == '=' ? 2 : 1;
        int byteCount = (utf8.Length / 4 * 3) - padding;
        if (utf8.Length % 4 != 0 || byteCount % sizeof(float) != 0)
        {
            throw new JsonException($"A base64 embedding of {utf8.Length} characters is not a whole number of float32 values.");
        }

        var vector = new float[byteCount / sizeof(float)];
        OperationStatus status = Base64.DecodeFromUtf8(utf8, MemoryMarshal.AsBytes(vector.AsSpan()), out int consumed, out int written);
        if (status != OperationStatus.Done || consumed != utf8.Length || written != byteCount)
        {
            throw new JsonException("An embedding string is not valid base64.");
        }

        if (!BitConverter.IsLittleEndian)
        {
            // The bytes are little-endian float32 (numpy's frombuffer on x86/ARM, OA lib/_parsing/_embeddings.py): swap each value.
            Span<int> words = MemoryMarshal.Cast<float, int>(vector.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }

        return vector;
    }

    private static float[] ReadBase64(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return DecodeBase64(reader.ValueSpan);
        }

        // Rare: a JSON writer that escapes '/' as "\/", or a value split across buffer segments.
        long length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        byte[] rented = ArrayPool<byte>.Shared.Rent(checked((int)length));
        try
        {
            int copied = reader.CopyString(rented);
            return DecodeBase64(rented.AsSpan(0, copied));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static float[] ReadArray(ref Utf8JsonReader reader)
    {
        float[] buffer = ArrayPool<float>.Shared.Rent(InitialArrayCapacity);
        int count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number)
                {
                    throw new JsonException($"An embedding array holds a {reader.TokenType} where a number was expected.");
                }

                if (count == buffer.Length)
                {
                    float[] larger = ArrayPool<float>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<float>.Shared.Return(buffer);
                    buffer = larger;
                }

                // Numbers are never escaped nor split in a span-backed reader: ValueSpan is the whole token.
                buffer[count++] = (!reader.HasValueSequence && DecimalFloat.TryParse(reader.ValueSpan, out float value)) || reader.TryGetSingle(out value)
                    ? value
                    : throw new JsonException("An embedding array holds a number that is not a float32 value.");
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
