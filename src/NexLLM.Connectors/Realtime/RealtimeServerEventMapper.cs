using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Realtime;

/// <summary>
/// Server events as M.E.AI's server messages, under their beta and their GA names alike (docs/protocols/realtime.md#gotchas:
/// the gateway relays the beta protocol, GA names are accepted too). An event M.E.AI has no message type for is handed over
/// as a <see cref="RealtimeServerMessage"/> of its wire type with its JSON: nothing is dropped.
/// </summary>
internal static class RealtimeServerEventMapper
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The realtime protocol's text fields beyond the shared ones: content and transcript deltas, whole transcripts.</summary>
    private static readonly string[] MoreTextFields = ["delta", "transcript"];

    /// <summary>The message for one event; its <c>RawRepresentation</c> is the event's JSON (a <see cref="JsonElement"/>).</summary>
    /// <param name="json">The UTF-8 JSON of one text message of the socket.</param>
    /// <exception cref="JsonException">The event is not a JSON object with a string <c>type</c>.</exception>
    public static RealtimeServerMessage Map(ReadOnlyMemory<byte> json)
    {
        try
        {
            return MapValid(json);
        }
        catch (Exception ex) when (ex is JsonException { InnerException: InvalidOperationException } or InvalidOperationException
            && InvalidUtf8.TryReplaceInText(json.Span, out byte[] repaired, MoreTextFields))
        {
            // A string that is not UTF-8 (docs/architecture.md: the one repair rule): text gets U+FFFD and the event is read
            // again; anything else (ids, arguments) fails again.
            return MapValid(repaired);
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("the event has a string that is not valid UTF-8", ex);
        }
    }

    private static RealtimeServerMessage MapValid(ReadOnlyMemory<byte> json)
    {
        JsonElement raw;
        using (JsonDocument document = JsonDocument.Parse(json, DocumentOptions))
        {
            raw = document.RootElement.Clone();
        }

        if (raw.ValueKind != JsonValueKind.Object || !raw.TryGetProperty("type", out JsonElement typeElement)
            || typeElement.ValueKind != JsonValueKind.String || typeElement.ValueEquals(ReadOnlySpan<byte>.Empty))
        {
            throw new JsonException("the event is not a JSON object with a non-empty string \"type\"");
        }

        RealtimeServerEvent wire = raw.Deserialize(RealtimeJsonContext.Default.RealtimeServerEvent)!;
        string type = typeElement.GetString()!;
        RealtimeServerMessage message = Map(type, wire, raw);
        message.MessageId = wire.EventId;
        message.RawRepresentation = raw;
        return message;
    }

    private static RealtimeServerMessage Map(string type, RealtimeServerEvent wire, JsonElement raw) => type switch
    {
        "response.text.delta" or "response.output_text.delta" => Content(RealtimeServerMessageType.OutputTextDelta, wire, text: wire.Delta),
        "response.text.done" or "response.output_text.done" => Content(RealtimeServerMessageType.OutputTextDone, wire, text: wire.Text),
        "response.audio.delta" or "response.output_audio.delta" => Content(RealtimeServerMessageType.OutputAudioDelta, wire, audio: wire.Delta),
        "response.audio.done" or "response.output_audio.done" => Content(RealtimeServerMessageType.OutputAudioDone, wire),
        "response.audio_transcript.delta" or "response.output_audio_transcript.delta" =>
            Content(RealtimeServerMessageType.OutputAudioTranscriptionDelta, wire, text: wire.Delta),
        "response.audio_transcript.done" or "response.output_audio_transcript.done" =>
            Content(RealtimeServerMessageType.OutputAudioTranscriptionDone, wire, text: wire.Transcript),
        "response.created" => Response(RealtimeServerMessageType.ResponseCreated, wire, raw),
        "response.done" => Response(RealtimeServerMessageType.ResponseDone, wire, raw),
        "response.output_item.added" => OutputItem(RealtimeServerMessageType.ResponseOutputItemAdded, wire, raw),
        "response.output_item.done" => OutputItem(RealtimeServerMessageType.ResponseOutputItemDone, wire, raw),

        // beta conversation.item.created is GA conversation.item.added; GA adds conversation.item.done.
        "conversation.item.created" or "conversation.item.added" => OutputItem(RealtimeServerMessageType.ConversationItemAdded, wire, raw),
        "conversation.item.done" => OutputItem(RealtimeServerMessageType.ConversationItemDone, wire, raw),
        "conversation.item.input_audio_transcription.delta" => Transcription(RealtimeServerMessageType.InputAudioTranscriptionDelta, wire, wire.Delta, raw),
        "conversation.item.input_audio_transcription.completed" =>
            Transcription(RealtimeServerMessageType.InputAudioTranscriptionCompleted, wire, wire.Transcript, raw),
        "conversation.item.input_audio_transcription.failed" => Transcription(RealtimeServerMessageType.InputAudioTranscriptionFailed, wire, null, raw),
        "error" => new ErrorRealtimeServerMessage { Error = Error(wire.Error, Child(raw, "error")), OriginatingMessageId = wire.Error?.EventId },
        _ => new RealtimeServerMessage { Type = new RealtimeServerMessageType(type) },
    };

    private static OutputTextAudioRealtimeServerMessage Content(RealtimeServerMessageType type, RealtimeServerEvent wire, string? text = null, string? audio = null) =>
        new(type)
        {
            ResponseId = wire.ResponseId,
            ItemId = wire.ItemId,
            OutputIndex = wire.OutputIndex,
            ContentIndex = wire.ContentIndex,
            Text = text,
            Audio = audio,
        };

    private static ResponseCreatedRealtimeServerMessage Response(RealtimeServerMessageType type, RealtimeServerEvent wire, JsonElement raw)
    {
        RealtimeResponse? response = wire.Response;
        JsonElement? responseRaw = Child(raw, "response");
        JsonElement? outputRaw = responseRaw is { } r ? Child(r, "output") : null;
        return new ResponseCreatedRealtimeServerMessage(type)
        {
            ResponseId = response?.Id,
            Status = response?.Status,
            OutputModalities = (response?.Modalities ?? response?.OutputModalities)?.ToList(),
            OutputVoice = response?.Voice,
            MaxOutputTokens = response?.MaxOutputTokens is { ValueKind: JsonValueKind.Number } max && max.TryGetInt32(out int tokens) ? tokens : null,
            Items = response?.Output is { Count: > 0 } output
                ? [.. output.Select((item, i) => (Item: item, Raw: ElementAt(outputRaw, i))).Where(static p => p.Item is not null).Select(static p => RealtimeItemMapper.FromWire(p.Item, p.Raw))]
                : null,
            Error = response?.StatusDetails?.Error is { } error ? Error(error, responseRaw is { } details ? Child(Child(details, "status_details") ?? default, "error") : null) : null,
            Usage = Usage(response?.Usage),
            AdditionalProperties = RealtimeMetadata.FromWire(response?.Metadata),
        };
    }

    private static ResponseOutputItemRealtimeServerMessage OutputItem(RealtimeServerMessageType type, RealtimeServerEvent wire, JsonElement raw) =>
        new(type)
        {
            ResponseId = wire.ResponseId,
            OutputIndex = wire.OutputIndex,
            Item = wire.Item is { } item ? RealtimeItemMapper.FromWire(item, Child(raw, "item") ?? default) : null,
        };

    private static InputAudioTranscriptionRealtimeServerMessage Transcription(RealtimeServerMessageType type, RealtimeServerEvent wire, string? text, JsonElement raw) =>
        new(type)
        {
            ItemId = wire.ItemId,
            ContentIndex = wire.ContentIndex,
            Transcription = text,
            Usage = Usage(wire.Usage),
            Error = wire.Error is { } error ? Error(error, Child(raw, "error")) : null,
        };

    private static ErrorContent Error(RealtimeError? error, JsonElement? raw) =>
        new(error?.Message ?? "The realtime session reported an error without a message.")
        {
            ErrorCode = CodeOf(error?.Code) ?? error?.Type,
            Details = error?.Param,
            RawRepresentation = raw,
        };

    private static JsonElement? Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement child) && child.ValueKind != JsonValueKind.Null ? child : null;

    private static JsonElement ElementAt(JsonElement? array, int index) =>
        array is { ValueKind: JsonValueKind.Array } items && index < items.GetArrayLength() ? items[index] : default;

    /// <summary>The code as text: the gateway's codes are strings, upstream ones may be numbers (docs/protocols/gateway.md#error-bodies).</summary>
    private static string? CodeOf(JsonElement? code) => code switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        _ => null,
    };

    private static UsageDetails? Usage(RealtimeUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokens,
        OutputTokenCount = usage.OutputTokens,
        TotalTokenCount = usage.TotalTokens,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokens,
        InputTextTokenCount = usage.InputTokenDetails?.TextTokens,
        InputAudioTokenCount = usage.InputTokenDetails?.AudioTokens,
        OutputTextTokenCount = usage.OutputTokenDetails?.TextTokens,
        OutputAudioTokenCount = usage.OutputTokenDetails?.AudioTokens,
    };
}
