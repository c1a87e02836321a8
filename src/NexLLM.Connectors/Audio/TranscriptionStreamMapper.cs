using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// Turns the events of a streamed transcription (gpt-4o transcribe models; docs/protocols/audio.md#transcriptions-and-translations)
/// into updates: each <c>transcript.text.delta</c> is a <see cref="SpeechToTextResponseUpdateKind.TextUpdating"/> update
/// with its text; <c>transcript.text.done</c> ends the answer with a <see cref="SpeechToTextResponseUpdateKind.TextUpdated"/>
/// update that carries the usage and the request id, and the whole text only when no delta brought it (so that joining
/// the updates gives the transcript once). Through the gateway the events may all arrive at once; they are read the same.
/// </summary>
internal sealed class TranscriptionStreamMapper(string model, string? requestId)
{
    private const string DeltaEvent = "transcript.text.delta";
    private const string DoneEvent = "transcript.text.done";

    private bool _sawText;

    /// <summary>Gets a value indicating whether the done event arrived.</summary>
    public bool Done { get; private set; }

    /// <summary>Whether an event carries nothing a caller would see: read inside the retry boundary.</summary>
    public static bool IsPrelude(JsonEvent<TranscriptionStreamEvent> item) =>
        item.Value is { } value && value.Type is not (DeltaEvent or DoneEvent);

    /// <summary>Maps one event, or returns <see langword="null"/> for an event that carries nothing (an unknown type, an empty delta).</summary>
    public SpeechToTextResponseUpdate? Map(TranscriptionStreamEvent item)
    {
        switch (item.Type)
        {
            case DeltaEvent when !string.IsNullOrEmpty(item.Delta):
                _sawText = true;
                return new SpeechToTextResponseUpdate([new TextContent(item.Delta)])
                {
                    Kind = SpeechToTextResponseUpdateKind.TextUpdating,
                    ModelId = model,
                    RawRepresentation = item,
                };
            case DoneEvent:
                Done = true;
                var contents = new List<AIContent>();
                if (!_sawText && !string.IsNullOrEmpty(item.Text))
                {
                    contents.Add(new TextContent(item.Text));
                }

                if (TranscriptionUsage.Map(item.Usage) is { } usage)
                {
                    contents.Add(new UsageContent(usage));
                }

                var done = new SpeechToTextResponseUpdate(contents)
                {
                    Kind = SpeechToTextResponseUpdateKind.TextUpdated,
                    ModelId = model,
                    RawRepresentation = item,
                    AdditionalProperties = [],
                };
                if (requestId is not null)
                {
                    done.AdditionalProperties[TranscriptionKeys.RequestId] = requestId;
                }

                if (item.Logprobs is { } logprobs)
                {
                    done.AdditionalProperties[TranscriptionKeys.Logprobs] = logprobs;
                }

                return done;
            default:
                return null;
        }
    }
}
