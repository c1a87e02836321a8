using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Realtime;

/// <summary>
/// M.E.AI's client messages as the beta events the gateway relays (docs/protocols/realtime.md#client-events). A message's
/// <c>RawRepresentation</c>, when set, is the event itself, sent as given: the way to send the events M.E.AI has no type for.
/// </summary>
internal static class RealtimeClientEventMapper
{
    /// <summary>The UTF-8 JSON of the event for <paramref name="message"/>, the event's type and its <c>event_id</c>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="ignored">Logs what the protocol has no field for.</param>
    /// <param name="responseEventId">
    /// The <c>event_id</c> a <c>response.create</c> gets when the caller gave none: the server names it in an <c>error</c>
    /// that refuses the response, which is how a refusal is told from an unrelated error.
    /// </param>
    /// <exception cref="ArgumentException">The message cannot be sent as an event the gateway accepts.</exception>
    public static (byte[] Json, string Type, string? EventId) ToJson(RealtimeClientMessage message, Action<string> ignored, string? responseEventId = null)
    {
        if (message.RawRepresentation is { } raw)
        {
            JsonObject json = RealtimeRawJson.ToObject(raw, "RealtimeClientMessage.RawRepresentation");
            string? id = message.MessageId ?? (IsType(json, "response.create") ? responseEventId : null);
            if (id is not null && !json.ContainsKey("event_id"))
            {
                json["event_id"] = id;
            }

            return Write(json, "RealtimeClientMessage.RawRepresentation");
        }

        (RealtimeClientEvent wire, JsonObject? extra, string extraTarget) = message switch
        {
            SessionUpdateRealtimeClientMessage update => SessionUpdate(update, ignored),
            InputAudioBufferAppendRealtimeClientMessage append => (AudioAppend(append), null, string.Empty),
            InputAudioBufferCommitRealtimeClientMessage => (new RealtimeClientEvent { Type = "input_audio_buffer.commit", EventId = message.MessageId }, null, string.Empty),
            CreateConversationItemRealtimeClientMessage create => (ItemCreate(create), null, string.Empty),
            CreateResponseRealtimeClientMessage response => ResponseCreate(response, responseEventId, ignored),
            _ => throw new ArgumentException(
                $"{message.GetType().Name} has no event in the realtime protocol; send the event as JSON in RealtimeClientMessage.RawRepresentation.",
                nameof(message)),
        };

        if (extra is null)
        {
            return (RequestBody.Write(wire, RealtimeJsonContext.Default.RealtimeClientEvent), wire.Type, wire.EventId);
        }

        JsonObject body = JsonSerializer.SerializeToNode(wire, RealtimeJsonContext.Default.RealtimeClientEvent)!.AsObject();
        if (body[extraTarget] is not JsonObject target)
        {
            target = new JsonObject();
            body[extraTarget] = target;
        }

        RealtimeRawJson.Merge(target, extra);
        return Write(body, message.GetType().Name);
    }

    private static (RealtimeClientEvent, JsonObject?, string) SessionUpdate(SessionUpdateRealtimeClientMessage update, Action<string> ignored)
    {
        RealtimeSessionOptions options = update.Options ?? throw new ArgumentException("SessionUpdateRealtimeClientMessage.Options is null.", nameof(update));
        var wire = new RealtimeClientEvent { Type = "session.update", EventId = update.MessageId, Session = RealtimeSessionMapper.Map(options, ignored) };
        JsonObject? extra = options.RawRepresentationFactory?.Invoke() is { } raw
            ? RealtimeRawJson.ToObject(raw, "RealtimeSessionOptions.RawRepresentationFactory result")
            : null;
        return (wire, extra, "session");
    }

    private static RealtimeClientEvent AudioAppend(InputAudioBufferAppendRealtimeClientMessage append)
    {
        DataContent audio = append.Content ?? throw new ArgumentException("InputAudioBufferAppendRealtimeClientMessage.Content is null.", nameof(append));
        return new RealtimeClientEvent { Type = "input_audio_buffer.append", EventId = append.MessageId, Audio = audio.Base64Data.ToString() };
    }

    private static RealtimeClientEvent ItemCreate(CreateConversationItemRealtimeClientMessage create)
    {
        RealtimeConversationItem item = create.Item ?? throw new ArgumentException("CreateConversationItemRealtimeClientMessage.Item is null.", nameof(create));
        return new RealtimeClientEvent
        {
            Type = "conversation.item.create",
            EventId = create.MessageId,
            Item = RealtimeItemMapper.ToWire(item, "CreateConversationItemRealtimeClientMessage.Item"),
        };
    }

    private static (RealtimeClientEvent, JsonObject?, string) ResponseCreate(CreateResponseRealtimeClientMessage create, string? defaultEventId, Action<string> ignored)
    {
        var response = new RealtimeResponseRequest
        {
            Modalities = create.OutputModalities is { Count: > 0 } modalities ? [.. modalities] : null,
            Instructions = create.Instructions,
            Voice = create.OutputVoice,
            OutputAudioFormat = RealtimeSessionMapper.AudioFormat(create.OutputAudioOptions, "CreateResponseRealtimeClientMessage.OutputAudioOptions"),
            Tools = RealtimeSessionMapper.Tools(create.Tools, ignored),
            ToolChoice = RealtimeSessionMapper.ToolChoice(create.ToolMode, "CreateResponseRealtimeClientMessage.ToolMode"),
            MaxResponseOutputTokens = create.MaxOutputTokens,
            Conversation = create.ExcludeFromConversation == true ? "none" : null,
            Input = create.Items is { Count: > 0 } items
                ? [.. items.Select(static (item, i) => RealtimeItemMapper.ToWire(item, $"CreateResponseRealtimeClientMessage.Items[{i}]"))]
                : null,
        };

        JsonObject? extra = null;
        if (create.AdditionalProperties is { Count: > 0 } properties)
        {
            // Keys starting with "nexllm." are ours and never sent (docs/architecture.md#conventions).
            extra = RealtimeRawJson.ToObject(
                properties.Where(static p => !ReservedKeys.IsReserved(p.Key)).ToList(), "CreateResponseRealtimeClientMessage.AdditionalProperties");
        }

        return (new RealtimeClientEvent { Type = "response.create", EventId = create.MessageId ?? defaultEventId, Response = response }, extra, "response");
    }

    /// <summary>Checks what the gateway decodes before it relays the event, then writes it.</summary>
    private static bool IsType(JsonObject json, string type) =>
        json["type"] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == type;

    private static (byte[] Json, string Type, string? EventId) Write(JsonObject json, string what)
    {
        if (json["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
        {
            throw new ArgumentException($"{what} has no string \"type\": every realtime event names its type.", what);
        }

        foreach (string container in (string[])["session", "response"])
        {
            if (json[container] is JsonObject settings && settings["tool_choice"] is { } choice && choice.GetValueKind() != JsonValueKind.String)
            {
                // The gateway's RealtimeEvent type has a string there; any other JSON fails to decode and ends the session
                // (docs/protocols/realtime.md#through-the-gateway).
                throw new ArgumentException(
                    $"{what} has a {container}.tool_choice that is not a string; the gateway decodes tool_choice as a string only (\"auto\", \"none\", \"required\"), and such a frame ends its session.",
                    what);
            }
        }

        string? eventId = json["event_id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : null;
        return (RequestBody.Write(json, SharedJsonContext.Default.JsonObject), type.GetValue<string>(), eventId);
    }
}
