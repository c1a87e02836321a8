using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// Reads a transcription or translation answer by the format that was asked for, checked against the answer's
/// <c>Content-Type</c> (docs/protocols/audio.md#gotchas: not everything is JSON): <c>json</c> and <c>verbose_json</c> are
/// parsed (text, language, duration, timed segments and words, usage), <c>text</c>, <c>srt</c> and <c>vtt</c> are plain
/// text returned as the transcript (subtitles also read into timed segments). A JSON error object where text was due is
/// raised as the error it is; an HTML page or any other mismatch is an <see cref="NexLLMErrorKind.InvalidResponse"/>.
/// </summary>
internal static class TranscriptionReader
{
    /// <summary>Reads the answer.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="format">The <c>response_format</c> sent.</param>
    /// <param name="model">The model asked for.</param>
    /// <param name="transport">The transport, whose factory builds the errors.</param>
    /// <param name="operation">What the request did, for messages.</param>
    /// <exception cref="NexLLMException">The answer is an error, or not what the format promises.</exception>
    public static SpeechToTextResponse Read(TransportResponse response, string format, string model, NexLLMTransport transport, string operation)
    {
        bool jsonBody = IsJsonMediaType(response.MediaType);
        bool json = TranscriptionFormats.IsJson(format) || (jsonBody && !IsKnownTextFormat(format));
        if (json)
        {
            if (response.MediaType is not null && !jsonBody)
            {
                throw ResponseJson.Invalid(response, $"is {response.MediaType}, not the JSON that response_format {format} gives.", transport, operation);
            }

            return FromJson(response, model, transport, operation);
        }

        if (jsonBody)
        {
            ReadOnlySpan<byte> body = response.Body.Span;
            throw ErrorBody.TryParseJson(body, out ErrorBody error)
                ? transport.Errors.FromErrorObject(error, body, operation, response.RequestId, inStream: false)
                : ResponseJson.Invalid(response, $"is JSON, not the plain text that response_format {format} gives.", transport, operation);
        }

        // An HTML page (a proxy's login or error page, answered with 200) is text/ too, but never a transcript.
        if (response.MediaType is { } mediaType && (!mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || IsHtml(mediaType)))
        {
            throw ResponseJson.Invalid(response, $"is {mediaType}, not the plain text that response_format {format} gives.", transport, operation);
        }

        return FromText(response, format, model);
    }

    private static SpeechToTextResponse FromJson(TransportResponse response, string model, NexLLMTransport transport, string operation)
    {
        (TranscriptionBody? body, _) = ResponseJson.Read(
            response, TranscriptionJsonContext.Default.TranscriptionBody, static body => body.Error is not null, transport, operation, TranscriptionKeys.TextFields);
        if (body?.Text is not { } text)
        {
            throw ResponseJson.Invalid(response, "has no text.", transport, operation);
        }

        var contents = new List<AIContent> { new TextContent(text) };
        foreach (TranscriptionSegmentBody? segment in body.Segments ?? [])
        {
            if (segment is not null)
            {
                contents.Add(new NexLLMTranscriptSegment(segment.Text ?? string.Empty, Seconds(segment.Start), Seconds(segment.End)) { Id = segment.Id, RawRepresentation = segment });
            }
        }

        foreach (TranscriptionWordBody? word in body.Words ?? [])
        {
            if (word is not null)
            {
                contents.Add(new NexLLMTranscriptWord(word.Word ?? string.Empty, Seconds(word.Start), Seconds(word.End)) { RawRepresentation = word });
            }
        }

        var result = new SpeechToTextResponse(contents)
        {
            ModelId = model,
            RawRepresentation = body,
            Usage = TranscriptionUsage.Map(body.Usage),
            AdditionalProperties = Properties(response.RequestId),
        };
        SetTimes(result, contents, body.Duration is { } duration && double.IsFinite(duration) && duration >= 0 ? Seconds(duration) : null);
        if (body.Language is { Length: > 0 } language)
        {
            result.AdditionalProperties[TranscriptionKeys.Language] = language;
        }

        if (body.Logprobs is { } logprobs)
        {
            result.AdditionalProperties[TranscriptionKeys.Logprobs] = logprobs;
        }

        return result;
    }

    private static SpeechToTextResponse FromText(TransportResponse response, string format, string model)
    {
        // Encoding.UTF8 turns invalid sequences into U+FFFD, as every other answer's text does.
        string body = Encoding.UTF8.GetString(response.Body.Span);
        bool subtitles = TranscriptionFormats.IsSubtitles(format);
        var contents = new List<AIContent> { new TextContent(subtitles ? body : body.TrimEnd('\r', '\n')) };
        if (subtitles)
        {
            contents.AddRange(SubtitleReader.Read(body));
        }

        var result = new SpeechToTextResponse(contents) { ModelId = model, RawRepresentation = body, AdditionalProperties = Properties(response.RequestId) };
        SetTimes(result, contents, duration: null);
        return result;
    }

    /// <summary>The response's span: from the first timed content's start (or 0) to the audio's duration, else the last timed content's end.</summary>
    private static void SetTimes(SpeechToTextResponse result, List<AIContent> contents, TimeSpan? duration)
    {
        TimeSpan? start = null;
        TimeSpan? end = null;
        foreach (AIContent content in contents)
        {
            (TimeSpan from, TimeSpan to) = content switch
            {
                NexLLMTranscriptSegment segment => (segment.StartTime, segment.EndTime),
                NexLLMTranscriptWord word => (word.StartTime, word.EndTime),
                _ => (TimeSpan.MaxValue, TimeSpan.MinValue),
            };
            start = from < (start ?? TimeSpan.MaxValue) ? from : start;
            end = to > (end ?? TimeSpan.MinValue) ? to : end;
        }

        result.StartTime = start ?? (duration is null ? null : TimeSpan.Zero);
        result.EndTime = duration ?? end;
    }

    private static AdditionalPropertiesDictionary Properties(string? requestId)
    {
        var properties = new AdditionalPropertiesDictionary();
        if (requestId is not null)
        {
            properties[TranscriptionKeys.RequestId] = requestId;
        }

        return properties;
    }

    private static TimeSpan Seconds(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;

    private static bool IsJsonMediaType(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool IsHtml(string mediaType) => mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);

    private static bool IsKnownTextFormat(string format) =>
        format.Equals(TranscriptionFormats.Text, StringComparison.OrdinalIgnoreCase) || TranscriptionFormats.IsSubtitles(format);
}
