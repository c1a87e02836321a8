using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// One realtime session: sends <c>session.created</c>, then reads client events one at a time and answers them as
/// OpenAI does (docs/protocols/realtime.md#client-events). Responses play on their own task so that
/// <c>response.cancel</c> can stop one; a frame new-api could not decode ends the session (<see cref="RealtimeGatewayGate"/>).
/// </summary>
internal sealed partial class RealtimeSession(
    RealtimeSocket socket,
    RealtimeDialect dialect,
    RealtimeSessionSettings settings,
    EmulatorSettings emulator,
    ScriptQueue script,
    EmulatorFault? fault,
    ILogger logger,
    Action abortConnection)
{
    private readonly RealtimeConversation _conversation = new();
    private readonly RealtimeAudioBuffer _audio = new();
    private readonly Lock _responseLock = new();
    private EmulatorFault? _pendingFault = fault;
    private Task? _response;
    private CancellationTokenSource? _responseCancel;
    private int _inputAudioMs;

    public async Task RunAsync()
    {
        try
        {
            await socket.SendAsync("session.created", w => RealtimeSessionWriter.Write(w, settings, dialect)).ConfigureAwait(false);
            while (await RealtimeFrameReader.ReadAsync(socket.WebSocket, emulator.MaxRequestBodyBytes, socket.Aborted).ConfigureAwait(false) is { } frame)
            {
                if (RealtimeGatewayGate.Check(frame) is { } undecodable)
                {
                    EmulatorLog.RequestEndedEarly(logger, socket.RequestId, "realtime: new-api could not decode a client frame (" + undecodable + ")");
                    abortConnection();
                    return;
                }

                using var document = JsonDocument.Parse(frame);
                await HandleAsync(document.RootElement).ConfigureAwait(false);
            }

            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client left or the emulator is stopping.
        }
        finally
        {
            _responseCancel?.Cancel();
            if (_response is { } playing)
            {
                await playing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            _responseCancel?.Dispose();
        }
    }

    private Task HandleAsync(JsonElement root)
    {
        string? eventId = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event_id", out var id) ? id.GetString() : null;
        string? type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) ? t.GetString() : null;
        return type switch
        {
            null => ErrorAsync(RealtimeError.Invalid("missing_required_parameter", "Missing required parameter: 'type'.", "type"), eventId),
            "session.update" => SessionUpdateAsync(root, eventId),
            "input_audio_buffer.append" => AppendAsync(root, eventId),
            "input_audio_buffer.commit" => CommitAsync(eventId, null),
            "input_audio_buffer.clear" => ClearAsync(),
            "conversation.item.create" => ItemCreateAsync(root, eventId),
            "conversation.item.retrieve" => ItemRetrieveAsync(root, eventId),
            "conversation.item.delete" => ItemDeleteAsync(root, eventId),
            "conversation.item.truncate" => ItemTruncateAsync(root, eventId),
            "response.create" => ResponseCreateAsync(root, eventId),
            "response.cancel" => ResponseCancelAsync(eventId),
            _ => ErrorAsync(RealtimeError.Invalid("invalid_value", $"Invalid value: '{type}'. Supported values are: {RealtimeClientEvents.Supported}.", "type"), eventId),
        };
    }

    private Task ErrorAsync(RealtimeError error, string? eventId) => socket.SendErrorAsync(error with { EventId = eventId });

    private async Task SessionUpdateAsync(JsonElement root, string? eventId)
    {
        if (RealtimeSessionReader.Apply(root, settings, dialect) is { } error)
        {
            await ErrorAsync(error, eventId).ConfigureAwait(false);
            return;
        }

        await socket.SendAsync("session.updated", w => RealtimeSessionWriter.Write(w, settings, dialect)).ConfigureAwait(false);
    }

    private async Task AppendAsync(JsonElement root, string? eventId)
    {
        if (!root.TryGetProperty("audio", out var audio) || audio.ValueKind != JsonValueKind.String)
        {
            await ErrorAsync(RealtimeError.Invalid("missing_required_parameter", "Missing required parameter: 'audio'.", "audio"), eventId).ConfigureAwait(false);
            return;
        }

        if (RealtimeAudio.TryDecodeBase64(audio.GetString()!) is not { } pcm)
        {
            await ErrorAsync(RealtimeError.Invalid("invalid_value", "Invalid 'audio': the value is not valid base64.", "audio"), eventId).ConfigureAwait(false);
            return;
        }

        _audio.Append(pcm);
        if (!settings.ServerVad)
        {
            return;
        }

        if (_audio.TakeSpeechStart() is { } start)
        {
            await socket.SendAsync("input_audio_buffer.speech_started", w =>
            {
                w.WriteNumber("audio_start_ms", start);
                w.WriteString("item_id", _audio.SpeechItemId);
            }).ConfigureAwait(false);
        }

        if (_audio.TakeSpeechEnd(settings.SilenceDurationMs) is { } end)
        {
            string itemId = _audio.SpeechItemId!;
            await socket.SendAsync("input_audio_buffer.speech_stopped", w =>
            {
                w.WriteNumber("audio_end_ms", end);
                w.WriteString("item_id", itemId);
            }).ConfigureAwait(false);
            await CommitAsync(eventId, itemId).ConfigureAwait(false);
            if (settings.VadCreatesResponse)
            {
                await StartResponseAsync(new RealtimeResponseOptions(null, null, null), eventId).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Commits the buffer as a user message: <c>input_audio_buffer.committed</c>, the item's creation, then its
    /// transcription when the session asks for one (the speech route's decoder hears the emulator's own speech).
    /// </summary>
    private async Task CommitAsync(string? eventId, string? itemId)
    {
        // OpenAI refuses to commit less than 100 ms of audio (error code input_audio_buffer_commit_empty).
        int ms = RealtimeAudio.Milliseconds(_audio.Length);
        if (ms < 100)
        {
            await ErrorAsync(
                new RealtimeError("invalid_request_error", "input_audio_buffer_commit_empty", $"Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has {ms}.00ms of audio."),
                eventId).ConfigureAwait(false);
            return;
        }

        itemId ??= _audio.SpeechItemId ?? RealtimeItem.NewId();
        string heard = RealtimeAudio.Hear(_audio.Take());
        _inputAudioMs += ms;
        var item = new RealtimeItem { Id = itemId, Type = "message", Role = "user", Content = [new RealtimeContentPart("input_audio", null, null, heard)] };
        string? previous = _conversation.Add(item);
        await socket.SendAsync("input_audio_buffer.committed", w =>
        {
            JsonBuffer.WriteStringOrNull(w, "previous_item_id", previous);
            w.WriteString("item_id", itemId);
        }).ConfigureAwait(false);
        await SendItemCreatedAsync(item, previous).ConfigureAwait(false);
        if (settings.TranscribesInput)
        {
            _conversation.Replace(item with { Content = [item.Content[0] with { Transcript = heard }] });

            // whisper-1 sends only the completed transcript; the gpt-4o transcribe models stream deltas first (openai-python
            // beta conversation_item_input_audio_transcription_delta_event.py).
            if (settings.InputAudioTranscription is { } transcription && Hosting.JsonRead.Text(transcription, "model") is { } model && model != "whisper-1")
            {
                foreach (string piece in Streaming.StreamSplitter.SplitText(heard))
                {
                    await socket.SendAsync("conversation.item.input_audio_transcription.delta", w =>
                    {
                        w.WriteString("item_id", itemId);
                        w.WriteNumber("content_index", 0);
                        w.WriteString("delta", piece);
                    }).ConfigureAwait(false);
                }
            }

            await socket.SendAsync("conversation.item.input_audio_transcription.completed", w =>
            {
                w.WriteString("item_id", itemId);
                w.WriteNumber("content_index", 0);
                w.WriteString("transcript", heard);
            }).ConfigureAwait(false);
        }
    }

    private async Task ClearAsync()
    {
        _audio.Clear();
        await socket.SendAsync("input_audio_buffer.cleared").ConfigureAwait(false);
    }

    private async Task ItemCreateAsync(JsonElement root, string? eventId)
    {
        var (item, error) = RealtimeItemReader.Read(root, dialect);
        if (error is not null)
        {
            await ErrorAsync(error, eventId).ConfigureAwait(false);
            return;
        }

        if (_conversation.Contains(item!.Id))
        {
            await ErrorAsync(RealtimeError.Invalid("item_id_already_exists", $"Item with item_id '{item.Id}' already exists.", "item.id"), eventId).ConfigureAwait(false);
            return;
        }

        await SendItemCreatedAsync(item, _conversation.Add(item)).ConfigureAwait(false);
    }

    /// <summary>Beta: <c>conversation.item.created</c>; GA: <c>conversation.item.added</c> then <c>conversation.item.done</c>.</summary>
    private async Task SendItemCreatedAsync(RealtimeItem item, string? previous)
    {
        await socket.SendAsync(dialect.IsGa ? "conversation.item.added" : "conversation.item.created", w =>
        {
            JsonBuffer.WriteStringOrNull(w, "previous_item_id", previous);
            item.Write(w, "item");
        }).ConfigureAwait(false);
        if (dialect.IsGa)
        {
            await socket.SendAsync("conversation.item.done", w =>
            {
                JsonBuffer.WriteStringOrNull(w, "previous_item_id", previous);
                item.Write(w, "item");
            }).ConfigureAwait(false);
        }
    }

    private Task ResponseCreateAsync(JsonElement root, string? eventId) => StartResponseAsync(RealtimeResponseOptions.Read(root), eventId);

    private async Task StartResponseAsync(RealtimeResponseOptions options, string? eventId)
    {
        lock (_responseLock)
        {
            if (_response is not { IsCompleted: false })
            {
                _responseCancel?.Dispose();
                _responseCancel = CancellationTokenSource.CreateLinkedTokenSource(socket.Aborted);
                var cancel = _responseCancel.Token;
                _response = Task.Run(() => PlayResponseAsync(options, cancel), CancellationToken.None);
                return;
            }
        }

        await ErrorAsync(
            RealtimeError.Invalid("conversation_already_has_active_response", "Conversation already has an active response in progress. Wait until the response is finished before creating a new one."),
            eventId).ConfigureAwait(false);
    }

    private async Task ResponseCancelAsync(string? eventId)
    {
        lock (_responseLock)
        {
            if (_response is { IsCompleted: false })
            {
                _responseCancel!.Cancel();
                return;
            }
        }

        await ErrorAsync(RealtimeError.Invalid("response_cancel_not_active", "Cancellation failed: no active response found."), eventId).ConfigureAwait(false);
    }

    private async Task PlayResponseAsync(RealtimeResponseOptions options, CancellationToken cancel)
    {
        var request = new ChatEngineRequest
        {
            Model = settings.Model,
            Turns = _conversation.ToTurns(options.Instructions ?? settings.Instructions),
            Tools = settings.EngineTools,
            ToolChoice = settings.EngineToolChoice,
            MaxOutputTokens = options.MaxOutputTokens ?? settings.MaxResponseOutputTokens,
        };

        var responseFault = Interlocked.Exchange(ref _pendingFault, null);
        ChatEngineReply reply;
        if (script.TakeReply() is var (scripted, scriptedFault))
        {
            EmulatorLog.ScriptedReplyUsed(logger, "/v1/realtime", socket.RequestId);
            reply = ScriptedReplies.ToEngineReply(scripted, request);
            responseFault ??= scriptedFault is { Kind: not EmulatorFaultKind.Delay } ? scriptedFault : null;
        }
        else
        {
            reply = ChatEngine.Reply(request);
        }

        int inputAudioTokens = Interlocked.Exchange(ref _inputAudioMs, 0) / 100;
        var response = new RealtimeResponseObject(_conversation.Id, options.Modalities ?? settings.Modalities, settings, request.MaxOutputTokens) { Metadata = options.Metadata };
        var responder = new RealtimeResponder(socket, dialect, _conversation, response, responseFault, emulator.StreamChunkDelay, abortConnection);
        try
        {
            await responder.PlayAsync(reply, inputAudioTokens, cancel).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client left mid-response.
        }
    }
}
