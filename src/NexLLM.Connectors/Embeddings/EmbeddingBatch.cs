using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Embeddings;

/// <summary>The answer to one embedding request: one vector per input of the batch, in input order.</summary>
/// <param name="Vectors">The vectors, already checked against the inputs (count, indices, equal lengths).</param>
/// <param name="ModelId">The model the server reports, if any.</param>
/// <param name="Usage">The usage the server reports, if any.</param>
/// <param name="RequestId">The gateway's request id, if any.</param>
internal sealed record EmbeddingBatch(float[][] Vectors, string? ModelId, UsageDetails? Usage, string? RequestId);
