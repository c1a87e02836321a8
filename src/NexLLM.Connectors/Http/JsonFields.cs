using System.Text.Json;

namespace NexLLM.Connectors.Http;

/// <summary>
/// Reads one field value the way the source-generated serializer would, for the hand-written fast paths of stream events:
/// <see langword="false"/> where the serializer would fail (a wrong token type, a number out of range), so that the
/// caller gives the event to the serializer, which then reports it.
/// </summary>
internal static class JsonFields
{
    /// <summary>A <see cref="string"/> property: a string or <c>null</c>.</summary>
    /// <exception cref="InvalidOperationException">The string is not valid UTF-16 text (e.g. half a surrogate pair).</exception>
    public static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        return reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && (value = reader.GetString()) is not null);
    }

    /// <summary>A <c>long?</c> property: an integer or <c>null</c>.</summary>
    public static bool TryReadInt64(ref Utf8JsonReader reader, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long number))
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>Moves to the value of the current property: <see langword="true"/> when it is <c>null</c> (a field the fast path maps only when absent).</summary>
    public static bool ReadNull(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.Null;

    /// <summary>Skips the value of the current property unread (a field no mapping uses), as the serializer does.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
