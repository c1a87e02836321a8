using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// The item events beside <c>conversation.item.create</c> (openai-python beta <c>conversation_item_retrieve_event.py</c>,
/// <c>conversation_item_delete_event.py</c>, <c>conversation_item_truncate_event.py</c>): retrieve answers the item,
/// delete removes it, truncate cuts an assistant audio part at <c>audio_end_ms</c> and drops its transcript, so the
/// model does not remember words the user never heard (docs/protocols/realtime.md#client-events).
/// </summary>
internal sealed partial class RealtimeSession
{
    private async Task ItemRetrieveAsync(JsonElement root, string? eventId)
    {
        if (await FindItemAsync(root, eventId, "retrieving").ConfigureAwait(false) is { } item)
        {
            await socket.SendAsync("conversation.item.retrieved", w => item.Write(w, "item")).ConfigureAwait(false);
        }
    }

    private async Task ItemDeleteAsync(JsonElement root, string? eventId)
    {
        if (await FindItemAsync(root, eventId, "deleting").ConfigureAwait(false) is { } item)
        {
            _conversation.Remove(item.Id);
            await socket.SendAsync("conversation.item.deleted", w => w.WriteString("item_id", item.Id)).ConfigureAwait(false);
        }
    }

    private async Task ItemTruncateAsync(JsonElement root, string? eventId)
    {
        if (await FindItemAsync(root, eventId, "truncating").ConfigureAwait(false) is not { } item)
        {
            return;
        }

        int? contentIndex = Integer(root, "content_index");
        int? audioEndMs = Integer(root, "audio_end_ms");
        if (contentIndex is null || audioEndMs is null)
        {
            string missing = contentIndex is null ? "content_index" : "audio_end_ms";
            await ErrorAsync(RealtimeError.Invalid("missing_required_parameter", $"Missing required parameter: '{missing}'.", missing), eventId).ConfigureAwait(false);
            return;
        }

        if (item.Role != "assistant" || contentIndex.Value >= item.Content.Count || item.Content[contentIndex.Value].Type != "audio")
        {
            await ErrorAsync(
                RealtimeError.Invalid("invalid_value", $"Error truncating item: only assistant messages with audio content can be truncated (item '{item.Id}', content_index {contentIndex}).", "content_index"),
                eventId).ConfigureAwait(false);
            return;
        }

        RealtimeContentPart part = item.Content[contentIndex.Value];
        int lengthMs = RealtimeAudio.Milliseconds(RealtimeAudio.Speak(part.Said).Length);
        if (audioEndMs.Value > lengthMs)
        {
            await ErrorAsync(
                RealtimeError.Invalid("invalid_value", $"Audio content of {lengthMs}ms is already shorter than {audioEndMs}ms.", "audio_end_ms"), eventId).ConfigureAwait(false);
            return;
        }

        RealtimeContentPart[] content = [.. item.Content];
        content[contentIndex.Value] = part with { Transcript = null, Heard = null, Text = null };
        _conversation.Replace(item with { Content = content });
        await socket.SendAsync("conversation.item.truncated", w =>
        {
            w.WriteString("item_id", item.Id);
            w.WriteNumber("content_index", contentIndex.Value);
            w.WriteNumber("audio_end_ms", audioEndMs.Value);
        }).ConfigureAwait(false);
    }

    /// <summary>The item the event's <c>item_id</c> names, or <see langword="null"/> after an error event saying why not.</summary>
    private async Task<RealtimeItem?> FindItemAsync(JsonElement root, string? eventId, string doing)
    {
        string? itemId = root.TryGetProperty("item_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (itemId is null)
        {
            await ErrorAsync(RealtimeError.Invalid("missing_required_parameter", "Missing required parameter: 'item_id'.", "item_id"), eventId).ConfigureAwait(false);
            return null;
        }

        if (_conversation.Find(itemId) is { } item)
        {
            return item;
        }

        await ErrorAsync(
            RealtimeError.Invalid("item_not_found", $"Error {doing} item: the item with id '{itemId}' does not exist.", "item_id"), eventId).ConfigureAwait(false);
        return null;
    }

    private static int? Integer(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) && number >= 0 ? number : null;
}
