using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// Streams a speech answer with <c>stream_format: "sse"</c> (docs/protocols/audio.md#speech): every
/// <c>speech.audio.delta</c> becomes an <see cref="TextToSpeechResponseUpdateKind.AudioUpdating"/> update with its decoded
/// bytes, and <c>speech.audio.done</c> the last, <see cref="TextToSpeechResponseUpdateKind.AudioUpdated"/> update with the
/// usage and the request id. Events are dispatched on the JSON <c>type</c>: the gateway drops <c>event:</c> lines, and a
/// direct server's are ignored. A stream without <c>speech.audio.done</c> is incomplete
/// (<see cref="NexLLMErrorKind.TruncatedStream"/>, unless the caller allowed incomplete streams); an error event, or an error
/// object appended to the stream, is an <see cref="NexLLMErrorKind.InStreamError"/>.
/// </summary>
internal static class SpeechEventStreamer
{
    public static async IAsyncEnumerable<TextToSpeechResponseUpdate> StreamAsync(
        SseStream<JsonEvent<SpeechStreamEvent>> stream, string? responseFormat, string model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var releaseConnection = stream.ConfigureAwait(false);
        bool sawEnd = false;
        bool complete = false;
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (JsonEvent<SpeechStreamEvent>.ErrorOf(stream) is { } error)
            {
                throw error;
            }

            JsonEvent<SpeechStreamEvent> item = stream.Current;
            if (item.IsDone)
            {
                // Not this format's marker, but a relay may add it: reading stops, and only speech.audio.done proves the audio complete.
                sawEnd = true;
                break;
            }

            switch (item.Value)
            {
                case { Type: SpeechStreamEvent.DeltaType, Audio: { Length: > 0 } audio } delta:
                    yield return new TextToSpeechResponseUpdate([SpeechResponseReader.Content(audio, responseFormat, contentType: null)])
                    {
                        Kind = TextToSpeechResponseUpdateKind.AudioUpdating,
                        ModelId = model,
                        RawRepresentation = delta,
                    };
                    break;
                case { Type: SpeechStreamEvent.DoneType } done:
                    sawEnd = complete = true;
                    yield return Last(stream, model, done);
                    break;
            }

            if (complete)
            {
                break;
            }
        }

        stream.ThrowIfIncomplete(sawEnd, complete, "a speech.audio.done event");
        if (!complete)
        {
            // A caller who allowed incomplete streams still gets the request id on the last update.
            yield return Last(stream, model, done: null);
        }
    }

    /// <summary>Parses one event's data (never throws; see <see cref="JsonEvent{T}"/>).</summary>
    public static JsonEvent<SpeechStreamEvent> Parse(ReadOnlySpan<byte> data) =>
        JsonEvent<SpeechStreamEvent>.Parse(data, SpeechJsonContext.Default.SpeechStreamEvent, IsError);

    /// <summary>Whether an event carries nothing the caller would see (read inside the retry boundary): anything but audio or the end.</summary>
    public static bool IsPrelude(JsonEvent<SpeechStreamEvent> item) =>
        !item.IsDone && item.Value is not { Type: SpeechStreamEvent.DeltaType or SpeechStreamEvent.DoneType };

    /// <summary>An error event (<c>{"type":"error","error":{...}}</c>) or a bare error object (<c>{"error":{...}}</c>).</summary>
    private static bool IsError(SpeechStreamEvent item) =>
        item.Error is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } || item.Type == "error";

    private static TextToSpeechResponseUpdate Last(SseStream<JsonEvent<SpeechStreamEvent>> stream, string model, SpeechStreamEvent? done)
    {
        var update = new TextToSpeechResponseUpdate
        {
            Kind = TextToSpeechResponseUpdateKind.AudioUpdated,
            ModelId = model,
            RawRepresentation = done,
            AdditionalProperties = SpeechResponseReader.RequestIdProperties(stream.RequestId),
        };
        if (done?.Usage is { } usage)
        {
            // M.E.AI carries a streamed usage as a UsageContent; ToTextToSpeechResponse moves it to the response's Usage.
            update.Contents.Add(new UsageContent(usage.ToUsageDetails()));
        }

        return update;
    }
}
