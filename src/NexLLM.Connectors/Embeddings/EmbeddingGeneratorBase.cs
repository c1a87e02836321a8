using System.Globalization;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Embeddings;

/// <summary>
/// What every embedding protocol shares: options (per-request model and dimensions, batching), splitting large calls
/// into batches, and assembling one <see cref="GeneratedEmbeddings{TEmbedding}"/> in input order. A protocol sends
/// one batch and checks its answer against the batch's inputs.
/// </summary>
internal abstract class EmbeddingGeneratorBase : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The default number of requests of one call in flight at once.</summary>
    public const int DefaultMaxConcurrentRequests = 4;

    private readonly NexLLMClient _owner;
    private readonly string _model;
    private readonly int? _dimensions;
    private readonly int _defaultMaxInputs;
    private readonly EmbeddingGeneratorMetadata _metadata;

    protected EmbeddingGeneratorBase(NexLLMClient owner, NexLLMTransport transport, string model, int? dimensions, Uri providerUri, int defaultMaxInputs)
    {
        _owner = owner;
        Transport = transport;
        _model = model;
        _dimensions = dimensions;
        _defaultMaxInputs = defaultMaxInputs;
        _metadata = new EmbeddingGeneratorMetadata("nexllm", providerUri, model, dimensions);
    }

    protected NexLLMTransport Transport { get; }

    /// <summary>Gets what the requests do, for messages (<c>embeddings</c>, <c>Gemini embedContent</c>).</summary>
    protected abstract string Operation { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(values);
        string[] inputs = [.. values];
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentException($"The input at index {i} is null.", nameof(values));
            }
        }

        string model = _model;
        if (options?.ModelId is { } modelId)
        {
            ValidateModel(Throw.IfNotIdentifier(modelId, "options.ModelId"), "options.ModelId");
            model = modelId;
        }

        int? dimensions = options?.Dimensions ?? _dimensions;
        if (dimensions is { } requested)
        {
            Throw.IfOutOfRange(requested, 1, int.MaxValue, "options.Dimensions");
        }

        if (inputs.Length == 0)
        {
            return [];
        }

        EmbeddingBatch[] batches = await EmbeddingBatcher.RunAsync(
            inputs,
            EmbeddingOptionKeys.PositiveInt(options, EmbeddingOptionKeys.MaxInputsPerRequest, _defaultMaxInputs),
            EmbeddingOptionKeys.PositiveInt(options, EmbeddingOptionKeys.MaxConcurrentRequests, DefaultMaxConcurrentRequests),
            (batch, token) => SendAsync(batch, options, model, dimensions, token),
            cancellationToken).ConfigureAwait(false);
        return Assemble(batches, inputs.Length, model);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, _metadata, _owner, this);

    public void Dispose()
    {
        // The NexLLMClient owns the transport.
    }

    /// <summary>Rejects a per-request model the protocol cannot send (for example one that cannot be a path segment).</summary>
    protected virtual void ValidateModel(string model, string paramName)
    {
    }

    /// <summary>Sends one batch and returns its vectors in input order, or throws a <see cref="NexLLMException"/>.</summary>
    protected abstract Task<EmbeddingBatch> SendAsync(
        ArraySegment<string> inputs, EmbeddingGenerationOptions? options, string model, int? dimensions, CancellationToken cancellationToken);

    /// <summary>An <see cref="NexLLMErrorKind.InvalidResponse"/> error about a 200 answer.</summary>
    protected NexLLMException InvalidResponse(string problem, string? requestId, ReadOnlySpan<byte> body = default, Exception? inner = null) =>
        Transport.Errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {Operation} response {problem}", false, 200, requestId, body, inner);

    /// <summary>Checks that every vector of a batch has the same, non-zero length: a vector store cannot hold anything else.</summary>
    protected void CheckDimensions(float[][] vectors, string? requestId, ReadOnlySpan<byte> body)
    {
        int expected = vectors[0].Length;
        for (int i = 0; i < vectors.Length; i++)
        {
            if (vectors[i].Length == 0 || vectors[i].Length != expected)
            {
                throw InvalidResponse(
                    string.Create(CultureInfo.InvariantCulture, $"has vectors of different lengths ({expected} and {vectors[i].Length}, at input {i} of the request)."),
                    requestId,
                    body);
            }
        }
    }

    private GeneratedEmbeddings<Embedding<float>> Assemble(EmbeddingBatch[] batches, int count, string model)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(count);
        int dimensions = batches[0].Vectors[0].Length;
        long? inputTokens = null;
        long? totalTokens = null;
        foreach (EmbeddingBatch batch in batches)
        {
            // Each batch was checked on its own; batches answered by different upstreams must agree too.
            if (batch.Vectors[0].Length != dimensions)
            {
                throw Transport.Errors.Create(
                    NexLLMErrorKind.InvalidResponse,
                    string.Create(CultureInfo.InvariantCulture, $"NexLLM {Operation} responses have vectors of different lengths ({dimensions} and {batch.Vectors[0].Length}) for one call."),
                    false,
                    200,
                    batch.RequestId);
            }

            string modelId = batch.ModelId ?? model;
            foreach (float[] vector in batch.Vectors)
            {
                embeddings.Add(new Embedding<float>(vector) { ModelId = modelId });
            }

            inputTokens = Add(inputTokens, batch.Usage?.InputTokenCount);
            totalTokens = Add(totalTokens, batch.Usage?.TotalTokenCount);
        }

        if (inputTokens is not null || totalTokens is not null)
        {
            embeddings.Usage = new UsageDetails { InputTokenCount = inputTokens, TotalTokenCount = totalTokens };
        }

        // One id per request, in input order: what a support ticket needs to find every request of the call.
        string?[] requestIds = [.. batches.Select(static b => b.RequestId).Where(static id => id is not null)];
        if (requestIds.Length > 0)
        {
            embeddings.AdditionalProperties = new() { [ChatOptionKeys.RequestId] = string.Join(", ", requestIds) };
        }

        return embeddings;

        static long? Add(long? sum, long? value) => value is null ? sum : (sum ?? 0) + value;
    }
}
