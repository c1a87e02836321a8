using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Common;

/// <summary>
/// Reads a non-streamed JSON answer, for every adapter that maps one into a wire type and keeps the whole body as its
/// <c>RawRepresentation</c>. A body that is not JSON of that shape is an <see cref="NexLLMErrorKind.InvalidResponse"/>;
/// invalid UTF-8 in text becomes U+FFFD, as in streams (<see cref="InvalidUtf8"/>), in both; an error object in a 200 body
/// (some servers answer so) is raised as the error it is.
/// </summary>
internal static class ResponseJson
{
    /// <summary>Reads the body into its wire type and a <see cref="JsonElement"/>, and raises an error object it carries.</summary>
    /// <typeparam name="T">The wire type.</typeparam>
    /// <param name="response">The answer.</param>
    /// <param name="type">The wire type's source-generated information.</param>
    /// <param name="carriesError">Whether a body is an error object rather than an answer.</param>
    /// <param name="transport">The transport, whose factory builds the errors.</param>
    /// <param name="operation">What the request did, for messages.</param>
    /// <param name="moreTextFields">The format's own text fields, for <see cref="InvalidUtf8.TryReplaceInText"/>.</param>
    /// <returns>The wire value (<see langword="null"/> for a JSON <c>null</c>) and the whole body.</returns>
    /// <exception cref="NexLLMException">The body is not JSON of the expected shape, or it is an error object.</exception>
    public static (T? Value, JsonElement Raw) Read<T>(
        TransportResponse response, JsonTypeInfo<T> type, Func<T, bool> carriesError, NexLLMTransport transport, string operation, string[]? moreTextFields = null)
        where T : class
    {
        ReadOnlySpan<byte> body = response.Body.Span;
        (T? value, JsonElement raw) = Deserialize(response, type, transport, operation, moreTextFields);
        if (value is not null && carriesError(value) && ErrorBody.TryParseJson(body, out ErrorBody error))
        {
            throw transport.Errors.FromErrorObject(error, body, operation, response.RequestId, inStream: false);
        }

        return (value, raw);
    }

    /// <summary>The error for a 200 answer that holds nothing usable, or content no caller can use.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="problem">What is wrong, a sentence that follows "NexLLM <c>operation</c> response".</param>
    /// <param name="transport">The transport, whose factory builds the error.</param>
    /// <param name="operation">What the request did, for the message.</param>
    /// <param name="inner">The cause, if any.</param>
    /// <returns>The error, with an excerpt of the body.</returns>
    public static NexLLMException Invalid(TransportResponse response, string problem, NexLLMTransport transport, string operation, Exception? inner = null) =>
        transport.Errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {operation} response {problem}", false, 200, response.RequestId, response.Body.Span, inner);

    /// <summary>The error for a response whose content no caller can use (see <see cref="ResponseContentException"/>).</summary>
    /// <param name="response">The answer.</param>
    /// <param name="ex">What the mapping found.</param>
    /// <param name="transport">The transport, whose factory builds the error.</param>
    /// <param name="operation">What the request did, for the message.</param>
    /// <returns>The error.</returns>
    public static NexLLMException InvalidContent(TransportResponse response, ResponseContentException ex, NexLLMTransport transport, string operation) =>
        Invalid(response, $"is invalid: {ex.Message}.", transport, operation, ex.InnerException ?? ex);

    private static (T? Value, JsonElement Raw) Deserialize<T>(TransportResponse response, JsonTypeInfo<T> type, NexLLMTransport transport, string operation, string[]? moreTextFields)
    {
        ReadOnlySpan<byte> body = response.Body.Span;
        try
        {
            try
            {
                return (JsonSerializer.Deserialize(body, type), JsonSerializer.Deserialize(body, SharedJsonContext.Default.JsonElement));
            }
            catch (JsonException ex) when (ex is not ResponseContentException && ex.InnerException is InvalidOperationException
                && InvalidUtf8.TryReplaceInText(body, out byte[] repaired, moreTextFields))
            {
                return (JsonSerializer.Deserialize(repaired, type), JsonSerializer.Deserialize(repaired, SharedJsonContext.Default.JsonElement));
            }
        }
        catch (ResponseContentException ex)
        {
            throw InvalidContent(response, ex, transport, operation);
        }
        catch (JsonException ex)
        {
            throw Invalid(response, "is not valid JSON of the expected shape.", transport, operation, ex);
        }
    }
}
