using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// Reads the answer of <c>POST /v1/audio/speech</c> (docs/protocols/audio.md#speech): the audio file itself, with an audio
/// <c>Content-Type</c>. Errors are JSON, and a server may send one with HTTP 200: a JSON body is read as the error it is,
/// never handed out as audio (docs/protocols/audio.md#gotchas).
/// </summary>
internal static class SpeechResponseReader
{
    /// <summary>The key of the gateway's request id in a response's or the last update's <c>AdditionalProperties</c> (docs/architecture.md#conventions).</summary>
    public const string RequestIdKey = ResponseKeys.RequestId;

    /// <summary>Builds the response from a whole body.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="responseFormat">The <c>response_format</c> sent, or <see langword="null"/> for the server's default.</param>
    /// <param name="model">The model asked for.</param>
    /// <param name="transport">The transport, whose factory builds the errors.</param>
    /// <param name="operation">What the request did, for messages.</param>
    /// <returns>One <see cref="DataContent"/> with the audio, the request id in the response's <c>AdditionalProperties</c>.</returns>
    /// <exception cref="NexLLMException">The body is an error, not audio, or empty.</exception>
    public static TextToSpeechResponse Read(TransportResponse response, string? responseFormat, string model, NexLLMTransport transport, string operation)
    {
        // RawSpan: audio has no byte order mark to skip (PCM samples may start with its bytes).
        ReadOnlySpan<byte> body = response.Body.RawSpan;
        if (NotAudio(response.MediaType) is { } problem)
        {
            if (IsJson(response.MediaType) && ErrorBody.TryParseJson(body, out ErrorBody error))
            {
                throw transport.Errors.FromErrorObject(error, body, operation, response.RequestId, inStream: false);
            }

            throw ResponseJson.Invalid(response, problem, transport, operation);
        }

        if (body.IsEmpty)
        {
            throw ResponseJson.Invalid(response, "has no audio (an empty body).", transport, operation);
        }

        // The one copy of the body: out of the pooled buffer into an array the caller owns.
        byte[] audio = body.ToArray();
        return new TextToSpeechResponse([Content(audio, responseFormat, response.MediaType)])
        {
            ModelId = model,
            RawRepresentation = audio,
            AdditionalProperties = RequestIdProperties(response.RequestId),
        };
    }

    /// <summary>The properties that carry a request id, or <see langword="null"/> when the server sent none.</summary>
    public static AdditionalPropertiesDictionary? RequestIdProperties(string? requestId) =>
        requestId is null ? null : new() { [RequestIdKey] = requestId };

    /// <summary>The content of audio bytes: the media type of the format asked for (or of what the server sent by default), and the PCM properties.</summary>
    public static DataContent Content(ReadOnlyMemory<byte> audio, string? responseFormat, string? contentType)
    {
        string mediaType = MediaTypeOf(responseFormat, contentType);
        var content = new DataContent(audio, mediaType);
        if (SpeechFormats.IsPcm(mediaType))
        {
            content.AdditionalProperties = SpeechFormats.PcmProperties();
        }

        return content;
    }

    /// <summary>The audio's media type: the asked format's, else the answer's <c>Content-Type</c> for the server's default.</summary>
    public static string MediaTypeOf(string? responseFormat, string? contentType) =>
        responseFormat is null ? SpeechFormats.MediaTypeOfDefault(contentType) : SpeechFormats.MediaTypeOf(responseFormat);

    /// <summary>Why a body of this media type is not audio (a sentence that follows "NexLLM speech response"), or <see langword="null"/> when it may be.</summary>
    /// <remarks>No media type, or a binary one, is taken as audio: some servers send <c>application/octet-stream</c>.</remarks>
    public static string? NotAudio(string? mediaType) =>
        mediaType is null || mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"is {mediaType}, not audio.";

    /// <summary>Whether a media type is JSON (<c>application/json</c>, <c>application/problem+json</c>, <c>text/json</c>).</summary>
    public static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
