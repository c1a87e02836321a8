using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;

namespace NexLLM.Connectors.Rerank.JinaRerank;

/// <summary>Maps a <c>/v1/rerank</c> answer to a <see cref="RerankResponse"/>, checking every result against the documents sent.</summary>
internal static class JinaRerankResponseMapper
{
    /// <summary>Maps the answer, or returns the problem that makes it unusable.</summary>
    /// <param name="wire">The parsed answer.</param>
    /// <param name="raw">The answer as JSON, for <see cref="RerankResponse.RawRepresentation"/>.</param>
    /// <param name="documents">The documents sent, in order.</param>
    /// <param name="topN">The number of results asked for; a server that ignores <c>top_n</c> is trimmed to it.</param>
    /// <param name="returnDocuments">Whether the texts were asked for: then a result without one gets the text sent.</param>
    /// <param name="model">The model asked for, when the answer names none (new-api drops <c>model</c>).</param>
    /// <param name="requestId">The gateway's request id.</param>
    /// <param name="problem">Why the answer cannot be used.</param>
    public static RerankResponse? Map(
        JinaRerankResponse wire, JsonElement raw, IReadOnlyList<string> documents, int topN, bool returnDocuments, string model, string? requestId, out string? problem)
    {
        problem = null;
        if (wire.Results is not { } items)
        {
            problem = "has no results.";
            return null;
        }

        var seen = new bool[documents.Count];
        var results = new List<RerankResult>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            JinaRerankItem? item = items[i];

            // Results come ordered by score, not by input: the index is the only link to a document (docs/protocols/rerank.md#gotchas).
            if (item?.Index is not { } index)
            {
                problem = Text($"has a result without an index (item {i}).");
                return null;
            }

            problem = index < 0 || index >= documents.Count ? Text($"has index {index}, outside the {documents.Count} documents.")
                : seen[index] ? Text($"has index {index} twice.")
                : item.RelevanceScore is null ? Text($"has no relevance_score for index {index}.")
                : null;
            if (problem is not null)
            {
                return null;
            }

            seen[index] = true;
            string? document = item.Document ?? (returnDocuments ? documents[index] : null);
            results.Add(new RerankResult(index, item.RelevanceScore!.Value, document));
        }

        // Most relevant first whatever the server's order; equal scores keep the input order.
        results.Sort(static (a, b) => b.RelevanceScore != a.RelevanceScore ? b.RelevanceScore.CompareTo(a.RelevanceScore) : a.Index.CompareTo(b.Index));
        if (results.Count > topN)
        {
            results.RemoveRange(topN, results.Count - topN);
        }

        return new RerankResponse(results)
        {
            ModelId = string.IsNullOrEmpty(wire.Model) ? model : wire.Model,
            Usage = wire.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.PromptTokens, OutputTokenCount = usage.CompletionTokens, TotalTokenCount = usage.TotalTokens }
                : null,
            RawRepresentation = raw,
            AdditionalProperties = ResponseProperties.Create(requestId, rawFinishReason: null),
        };
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
