using System.Text.Json;

namespace NexLLM.Connectors.Http;

/// <summary>
/// A response that is well-formed JSON but carries a part no caller can use: tool-call arguments that are not valid
/// UTF-8, an <c>inlineData</c> part without data or with a media type that is none. Its message names the problem as a
/// clause (no capital, no final period) that the adapters turn into a <see cref="NexLLMErrorKind.InvalidResponse"/>.
/// It is a <see cref="JsonException"/> so that, thrown by a converter while an event is parsed, it takes the path of
/// everything else the serializer rejects; thrown by a mapper, the adapter catches it by this type.
/// </summary>
internal sealed class ResponseContentException(string message, Exception? inner = null) : JsonException(message, inner)
{
    /// <summary>The longest piece of a response quoted in a message (a tool name, a media type).</summary>
    public const int MaxQuotedChars = 64;

    /// <summary>A piece of the response for a message, cut to <see cref="MaxQuotedChars"/> (the error factory escapes it).</summary>
    public static string Quote(string? text) =>
        text is null ? "(null)" : text.Length <= MaxQuotedChars ? text : string.Concat(text.AsSpan(0, MaxQuotedChars), "…");
}
