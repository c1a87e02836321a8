using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// The responses kept because <c>store</c> was not false, so a later request can continue one with
/// <c>previous_response_id</c> or echo one of its items by id. Bounded: the oldest are forgotten past
/// <see cref="Capacity"/>, and an emulator forgets them all when it stops.
/// </summary>
internal sealed class ResponseStore
{
    /// <summary>How many responses are kept.</summary>
    public const int Capacity = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredResponse> _responses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _itemIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Add(string id, IReadOnlyList<ChatTurn> turns, IReadOnlyList<string> itemIds)
    {
        lock (_gate)
        {
            if (_responses.Count == Capacity && _order.TryDequeue(out string? oldest) && _responses.Remove(oldest, out var forgotten))
            {
                _itemIds.ExceptWith(forgotten.ItemIds);
            }

            _responses[id] = new StoredResponse(id, turns, itemIds);
            _itemIds.UnionWith(itemIds);
            _order.Enqueue(id);
        }
    }

    /// <summary>The stored response, or <see langword="null"/> when it was never stored or is forgotten.</summary>
    public StoredResponse? Find(string id)
    {
        lock (_gate)
        {
            return _responses.GetValueOrDefault(id);
        }
    }

    /// <summary>Whether an output item with this id is stored.</summary>
    public bool ContainsItem(string itemId)
    {
        lock (_gate)
        {
            return _itemIds.Contains(itemId);
        }
    }
}
