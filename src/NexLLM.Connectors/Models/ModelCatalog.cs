namespace NexLLM.Connectors.Models;

/// <summary>The last model list a client fetched, by id: what <see cref="NexLLMChatProtocol.Auto"/> reads. Replaced whole, read without locks.</summary>
internal sealed class ModelCatalog
{
    private volatile Dictionary<string, NexLLMModel>? _byId;

    /// <summary>Keeps a fresh list in place of the last one.</summary>
    public void Remember(IReadOnlyList<NexLLMModel> models)
    {
        var byId = new Dictionary<string, NexLLMModel>(models.Count, StringComparer.Ordinal);
        foreach (NexLLMModel model in models)
        {
            byId.TryAdd(model.Id, model);
        }

        _byId = byId;
    }

    /// <summary>The listed model of this id, or <see langword="null"/> when it is not listed or no list was fetched.</summary>
    public NexLLMModel? Find(string id) => _byId is { } byId && byId.TryGetValue(id, out NexLLMModel? model) ? model : null;
}
