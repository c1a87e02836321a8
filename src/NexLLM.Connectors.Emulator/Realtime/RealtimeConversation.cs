using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// The items of one session in order. The receive loop adds the client's items while a response adds its own, so every
/// access takes the lock.
/// </summary>
internal sealed class RealtimeConversation
{
    private readonly List<RealtimeItem> _items = [];
    private readonly Lock _lock = new();

    public string Id { get; } = "conv_" + Hosting.RequestIds.RandomToken(21);

    /// <summary>Appends an item; returns the id of the item before it (<c>previous_item_id</c>), or <see langword="null"/>.</summary>
    public string? Add(RealtimeItem item)
    {
        lock (_lock)
        {
            string? previous = _items.Count > 0 ? _items[^1].Id : null;
            _items.Add(item);
            return previous;
        }
    }

    /// <summary>Replaces an item (same id) with a newer state, e.g. a response item once it is done.</summary>
    public void Replace(RealtimeItem item)
    {
        lock (_lock)
        {
            int index = _items.FindIndex(i => i.Id == item.Id);
            if (index >= 0)
            {
                _items[index] = item;
            }
        }
    }

    /// <summary>The item with that id, or <see langword="null"/>.</summary>
    public RealtimeItem? Find(string id)
    {
        lock (_lock)
        {
            return _items.Find(i => i.Id == id);
        }
    }

    /// <summary>Removes the item with that id; returns whether there was one.</summary>
    public bool Remove(string id)
    {
        lock (_lock)
        {
            return _items.RemoveAll(i => i.Id == id) > 0;
        }
    }

    public bool Contains(string id)
    {
        lock (_lock)
        {
            return _items.Exists(i => i.Id == id);
        }
    }

    /// <summary>Reads the conversation as chat turns: instructions first, consecutive function calls as one assistant turn.</summary>
    public IReadOnlyList<ChatTurn> ToTurns(string instructions)
    {
        RealtimeItem[] items;
        lock (_lock)
        {
            items = [.. _items];
        }

        var turns = new List<ChatTurn>();
        if (instructions.Length > 0)
        {
            turns.Add(new ChatTurn(ChatRole.System, instructions));
        }

        foreach (var item in items)
        {
            switch (item.Type)
            {
                case "function_call":
                    var call = new ChatToolCall(item.CallId ?? "", item.Name ?? "", item.Arguments ?? "");
                    if (turns.Count > 0 && turns[^1] is { Role: ChatRole.Assistant, Text: "" } last && last.ToolCalls.Count > 0)
                    {
                        turns[^1] = last with { ToolCalls = [.. last.ToolCalls, call] };
                    }
                    else
                    {
                        turns.Add(new ChatTurn(ChatRole.Assistant, "") { ToolCalls = [call] });
                    }

                    break;
                case "function_call_output":
                    turns.Add(new ChatTurn(ChatRole.Tool, item.Output ?? "") { ToolCallId = item.CallId });
                    break;
                default:
                    var role = item.Role switch { "assistant" => ChatRole.Assistant, "system" => ChatRole.System, _ => ChatRole.User };
                    turns.Add(new ChatTurn(role, string.Join("\n", item.Content.Select(p => p.Said).Where(s => s.Length > 0))));
                    break;
            }
        }

        return turns;
    }
}
