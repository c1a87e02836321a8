using NexLLM.Connectors.Emulator.Faults;
using System.Net.WebSockets;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// Plays one response as OpenAI's beta server events (docs/protocols/realtime.md#server-events-beta-names):
/// <c>response.created</c>; per output item <c>response.output_item.added</c>, <c>conversation.item.created</c>, a content
/// part with its text (or audio and transcript) deltas and done events, or a function call's argument deltas;
/// <c>response.output_item.done</c>; then <c>response.done</c> with usage and <c>rate_limits.updated</c>. A stream fault
/// strikes before the response's event number <see cref="EmulatorFault.AfterChunks"/> (<c>response.created</c> is 0).
/// </summary>
internal sealed class RealtimeResponder(
    RealtimeSocket socket,
    RealtimeDialect dialect,
    RealtimeConversation conversation,
    RealtimeResponseObject response,
    EmulatorFault? fault,
    TimeSpan chunkDelay,
    Action abortConnection)
{
    /// <summary>Output audio tokens per second of speech (the emulator's rule: one per 50 ms).</summary>
    private const int AudioTokensPerSecond = 20;

    /// <summary>pcm16 bytes per audio delta: 100 ms at 24 kHz.</summary>
    private const int AudioDeltaBytes = 4_800;

    private readonly List<Func<byte[]>> _events = [];
    private string? _previousItemId;

    public async Task<RealtimeResponseEnd> PlayAsync(ChatEngineReply reply, int inputAudioTokens, CancellationToken cancel)
    {
        int outputAudioTokens = Plan(reply);
        int strikeAt = fault is null ? -1 : Math.Min(fault.AfterChunks, _events.Count);
        for (int i = 0; i <= _events.Count; i++)
        {
            if (i == strikeAt && await StrikeAsync(i < _events.Count ? _events[i] : null).ConfigureAwait(false) is { } end)
            {
                return end;
            }

            if (i == _events.Count)
            {
                break;
            }

            if (cancel.IsCancellationRequested || (i > 0 && !await Pauses.WaitAsync(chunkDelay, cancel).ConfigureAwait(false)))
            {
                return await FinishAsync("cancelled", ("client_cancelled", null), reply, inputAudioTokens, outputAudioTokens).ConfigureAwait(false);
            }

            await socket.SendFrameAsync(_events[i](), WebSocketMessageType.Text, endOfMessage: true).ConfigureAwait(false);
        }

        return reply.FinishReason == ReplyFinishReason.Length
            ? await FinishAsync("incomplete", ("max_output_tokens", null), reply, inputAudioTokens, outputAudioTokens).ConfigureAwait(false)
            : await FinishAsync("completed", null, reply, inputAudioTokens, outputAudioTokens).ConfigureAwait(false);
    }

    /// <summary>Lays out the response's events (rendered when sent); returns the output audio tokens.</summary>
    private int Plan(ChatEngineReply reply)
    {
        _events.Add(() => RealtimeSocket.Render("response.created", w => response.Write(w, dialect)));
        int audioTokens = 0;
        if (reply.Text is { } text)
        {
            audioTokens = PlanMessage(text);
        }

        foreach (var call in reply.ToolCalls)
        {
            PlanFunctionCall(call);
        }

        return audioTokens;
    }

    private int PlanMessage(string text)
    {
        bool audio = response.Modalities.Contains("audio");
        int index = response.Output.Count;
        var part = new RealtimeContentPart(audio ? dialect.AudioPart : dialect.TextPart, audio ? null : "", audio ? "" : null);
        var started = new RealtimeItem { Type = "message", Role = "assistant", Status = "in_progress" };
        var done = started with { Status = "completed", Content = [audio ? part with { Transcript = text } : part with { Text = text }] };
        response.Output.Add(done);
        PlanItemAdded(started, index);
        _events.Add(() => Render("response.content_part.added", started.Id, index, w => RealtimeItem.WritePart(w, part, "part")));

        IReadOnlyList<string> pieces = StreamSplitter.SplitText(text);
        byte[] pcm = audio ? RealtimeAudio.Speak(text) : [];
        int audioChunks = (pcm.Length + AudioDeltaBytes - 1) / AudioDeltaBytes;
        for (int i = 0; i < Math.Max(pieces.Count, audioChunks); i++)
        {
            if (i < pieces.Count)
            {
                string piece = pieces[i];
                _events.Add(() => Render(audio ? dialect.TranscriptDelta : dialect.TextDelta, started.Id, index, w => w.WriteString("delta", piece)));
            }

            if (i < audioChunks)
            {
                string chunk = Convert.ToBase64String(pcm, i * AudioDeltaBytes, Math.Min(AudioDeltaBytes, pcm.Length - (i * AudioDeltaBytes)));
                _events.Add(() => Render(dialect.AudioDelta, started.Id, index, w => w.WriteString("delta", chunk)));
            }
        }

        if (audio)
        {
            _events.Add(() => Render(dialect.AudioDone, started.Id, index, null));
            _events.Add(() => Render(dialect.TranscriptDone, started.Id, index, w => w.WriteString("transcript", text)));
        }
        else
        {
            _events.Add(() => Render(dialect.TextDone, started.Id, index, w => w.WriteString("text", text)));
        }

        _events.Add(() => Render("response.content_part.done", started.Id, index, w => RealtimeItem.WritePart(w, done.Content[0], "part")));
        PlanItemDone(done, index);
        return audio ? RealtimeAudio.Milliseconds(pcm.Length) * AudioTokensPerSecond / 1000 : 0;
    }

    private void PlanFunctionCall(ChatToolCall call)
    {
        int index = response.Output.Count;
        var started = new RealtimeItem { Type = "function_call", Status = "in_progress", CallId = call.Id, Name = call.Name, Arguments = "" };
        var done = started with { Status = "completed", Arguments = call.ArgumentsJson };
        response.Output.Add(done);
        PlanItemAdded(started, index);
        foreach (string piece in StreamSplitter.SplitArguments(call.ArgumentsJson))
        {
            _events.Add(() => RealtimeSocket.Render("response.function_call_arguments.delta", w => CallFields(w, started.Id, index, call.Id, w2 => w2.WriteString("delta", piece))));
        }

        _events.Add(() => RealtimeSocket.Render("response.function_call_arguments.done", w => CallFields(w, started.Id, index, call.Id, w2 =>
        {
            w2.WriteString("name", call.Name);
            w2.WriteString("arguments", call.ArgumentsJson);
        })));
        PlanItemDone(done, index);
    }

    /// <summary>
    /// <c>response.output_item.added</c>, then the item joins the conversation: beta <c>conversation.item.created</c>,
    /// GA <c>conversation.item.added</c> (and <c>conversation.item.done</c> once the item is done).
    /// </summary>
    private void PlanItemAdded(RealtimeItem item, int index)
    {
        _events.Add(() => RealtimeSocket.Render("response.output_item.added", w => ItemFields(w, item, index)));
        _events.Add(() =>
        {
            _previousItemId = conversation.Add(item);
            return RealtimeSocket.Render(dialect.IsGa ? "conversation.item.added" : "conversation.item.created", w =>
            {
                JsonBuffer.WriteStringOrNull(w, "previous_item_id", _previousItemId);
                item.Write(w, "item");
            });
        });
    }

    private void PlanItemDone(RealtimeItem item, int index)
    {
        _events.Add(() =>
        {
            conversation.Replace(item);
            return RealtimeSocket.Render("response.output_item.done", w => ItemFields(w, item, index));
        });
        if (dialect.IsGa)
        {
            _events.Add(() => RealtimeSocket.Render("conversation.item.done", w => item.Write(w, "item")));
        }
    }

    private void ItemFields(Utf8JsonWriter w, RealtimeItem item, int index)
    {
        w.WriteString("response_id", response.Id);
        w.WriteNumber("output_index", index);
        item.Write(w, "item");
    }

    private void CallFields(Utf8JsonWriter w, string itemId, int index, string callId, Action<Utf8JsonWriter> rest)
    {
        w.WriteString("response_id", response.Id);
        w.WriteString("item_id", itemId);
        w.WriteNumber("output_index", index);
        w.WriteString("call_id", callId);
        rest(w);
    }

    /// <summary>A content event: <c>{event_id, response_id, item_id, output_index, content_index, …}</c>.</summary>
    private byte[] Render(string type, string itemId, int index, Action<Utf8JsonWriter>? rest) => RealtimeSocket.Render(type, w =>
    {
        w.WriteString("response_id", response.Id);
        w.WriteString("item_id", itemId);
        w.WriteNumber("output_index", index);
        w.WriteNumber("content_index", 0);
        rest?.Invoke(w);
    });

    private async Task<RealtimeResponseEnd> FinishAsync(
        string status, (string Reason, RealtimeError? Error)? details, ChatEngineReply reply, int inputAudioTokens, int outputAudioTokens)
    {
        response.Status = status;
        response.StatusDetails = details;
        response.Usage = (reply.Usage.PromptTokens, inputAudioTokens, reply.Usage.CompletionTokens, outputAudioTokens);
        await socket.SendAsync("response.done", w => response.Write(w, dialect)).ConfigureAwait(false);

        // OpenAI follows every response.done with the rate limits (openai-python beta rate_limits_updated_event.py).
        await socket.SendAsync("rate_limits.updated", w =>
        {
            w.WriteStartArray("rate_limits");
            WriteLimit(w, "requests", 5_000, 4_999, 0.012);
            WriteLimit(w, "tokens", 400_000, 400_000 - response.Usage.Value.OutputText - outputAudioTokens, 0.6);
            w.WriteEndArray();
        }).ConfigureAwait(false);
        return RealtimeResponseEnd.Done;
    }

    private static void WriteLimit(Utf8JsonWriter w, string name, int limit, int remaining, double resetSeconds)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteNumber("limit", limit);
        w.WriteNumber("remaining", remaining);
        w.WriteNumber("reset_seconds", resetSeconds);
        w.WriteEndObject();
    }

    /// <summary>Plays the fault before <paramref name="next"/>; returns how the response ended, or <see langword="null"/> to go on.</summary>
    private async Task<RealtimeResponseEnd?> StrikeAsync(Func<byte[]>? next)
    {
        var info = fault!.ErrorInfo;
        switch (fault.Kind)
        {
            case EmulatorFaultKind.StreamError:
                if (info is null)
                {
                    // A verbatim error JSON (EmulatorFault.StreamError(after, json)) goes out as it is.
                    await socket.SendFrameAsync(fault.RenderPayload(socket.RequestId), WebSocketMessageType.Text, endOfMessage: true).ConfigureAwait(false);
                }
                else
                {
                    await socket.SendErrorAsync(ToError(info)).ConfigureAwait(false);
                }

                return await EndSessionAsync(fault.RealtimeVariant, info?.Message).ConfigureAwait(false);

            case EmulatorFaultKind.Failed:
                // OpenAI reports a failed response in response.done: status "failed" with the error in status_details.
                response.Status = "failed";
                response.StatusDetails = ("error", ToError(info ?? new FaultErrorInfo(null, null, null)));
                await socket.SendAsync("response.done", w => response.Write(w, dialect)).ConfigureAwait(false);
                return RealtimeResponseEnd.Done;

            case EmulatorFaultKind.RawStreamError:
                // The realtime reading of a raw error: the connection closes with an error status (1011) and the message as reason.
                string reason = info?.Message ?? FaultErrorInfo.ServerErrorMessage;
                await socket.CloseAsync(WebSocketCloseStatus.InternalServerError, reason.Length > 100 ? reason[..100] : reason).ConfigureAwait(false);
                return RealtimeResponseEnd.SessionOver;

            case EmulatorFaultKind.Truncate or EmulatorFaultKind.Reset:
                // Close in the middle of a message: the first half of the next event as a fragment (no FIN), then a close
                // frame (truncate) or a dropped connection (reset).
                byte[] frame = next?.Invoke() ?? RealtimeSocket.Render("response.done", w => response.Write(w, dialect));
                await socket.SendFrameAsync(frame[..(frame.Length / 2)], WebSocketMessageType.Text, endOfMessage: false).ConfigureAwait(false);
                if (fault.Kind == EmulatorFaultKind.Truncate)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
                }
                else
                {
                    // A moment for the fragment to reach the client before the reset, which can discard unread data.
                    await Pauses.WaitAsync(TimeSpan.FromMilliseconds(50), socket.Aborted).ConfigureAwait(false);
                    abortConnection();
                }

                return RealtimeResponseEnd.SessionOver;

            case EmulatorFaultKind.Stall:
                await Pauses.WaitAsync(fault.Duration, socket.Aborted).ConfigureAwait(false);
                abortConnection();
                return RealtimeResponseEnd.SessionOver;

            case EmulatorFaultKind.MalformedChunk:
                // frame=binary: the realtime protocol has only text frames, so a binary one is as unexpected as bad JSON.
                var kind = fault.RealtimeVariant == "binary" ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
                await socket.SendFrameAsync(fault.RenderPayload(socket.RequestId), kind, endOfMessage: true).ConfigureAwait(false);
                return null;

            case EmulatorFaultKind.Oversize:
                await socket.SendMessageInFragmentsAsync(write => OversizeEvent.WriteAsync(fault.Bytes, write)).ConfigureAwait(false);
                return RealtimeResponseEnd.Stopped;

            default:
                return null;
        }
    }

    /// <summary>After an error event: the session goes on, the connection is dropped, or a close frame with that status is sent.</summary>
    private async Task<RealtimeResponseEnd> EndSessionAsync(string? sessionEnd, string? message)
    {
        if (sessionEnd is null)
        {
            return RealtimeResponseEnd.Stopped;
        }

        if (sessionEnd == "drop")
        {
            await Pauses.WaitAsync(TimeSpan.FromMilliseconds(50), socket.Aborted).ConfigureAwait(false);
            abortConnection();
        }
        else
        {
            string reason = message ?? FaultErrorInfo.ServerErrorMessage;
            var status = (WebSocketCloseStatus)int.Parse(sessionEnd, System.Globalization.CultureInfo.InvariantCulture);
            await socket.CloseAsync(status, reason.Length > 100 ? reason[..100] : reason).ConfigureAwait(false);
        }

        return RealtimeResponseEnd.SessionOver;
    }

    private static RealtimeError ToError(FaultErrorInfo info) =>
        new(info.Type ?? "server_error", info.Code, info.Message ?? FaultErrorInfo.ServerErrorMessage);
}
