using System.Text.Json;

namespace NexLLM.Connectors.Http;

/// <summary>
/// A string field that a stream repeats on every event (the response id, the model, a fixed type name): its bytes are
/// compared with the previous event's, and the same string is handed out again when they are equal, so a stream of
/// thousands of chunks materialises it once instead of once per chunk. One per field per stream (it is mutable).
/// </summary>
internal struct RepeatedString
{
    /// <summary>Longer values (text, not identifiers) are not worth keeping.</summary>
    private const int MaxCachedBytes = 128;

    private byte[]? _utf8;
    private int _length;
    private string? _value;

    /// <summary>Reads the string or <c>null</c> token the reader is on.</summary>
    /// <exception cref="InvalidOperationException">The token is neither, or its text is not valid UTF-16 (the reader's own errors).</exception>
    public string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString();
        }

        ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (_value is not null && raw.SequenceEqual(_utf8.AsSpan(0, _length)))
        {
            return _value;
        }

        string value = reader.GetString()!;
        if (raw.Length <= MaxCachedBytes)
        {
            _utf8 ??= new byte[MaxCachedBytes];
            raw.CopyTo(_utf8);
            _length = raw.Length;
            _value = value;
        }

        return value;
    }
}
