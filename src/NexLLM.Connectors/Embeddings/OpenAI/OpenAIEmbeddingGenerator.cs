using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Embeddings.OpenAI;

/// <summary>
/// An embedding generator over <c>POST /v1/embeddings</c> (docs/protocols/embeddings.md): base64 vectors decoded straight into float
/// memory, answers mapped to the inputs by <c>index</c> and checked (never misaligned), large calls split into batches.
/// </summary>
internal sealed class OpenAIEmbeddingGenerator : EmbeddingGeneratorBase
{
    /// <summary>OpenAI's limit of inputs per request.</summary>
    public const int DefaultMaxInputs = 2048;

    private const string Protocol = "embeddings";

    private readonly Uri _uri;

    public OpenAIEmbeddingGenerator(NexLLMClient owner, NexLLMTransport transport, string model, int? dimensions)
        : base(owner, transport, model, dimensions, transport.Endpoint, DefaultMaxInputs)
    {
        _uri = new Uri(transport.Endpoint, "embeddings");
    }

    protected override string Operation => "embeddings";

    protected override async Task<EmbeddingBatch> SendAsync(
        ArraySegment<string> inputs, EmbeddingGenerationOptions? options, string model, int? dimensions, CancellationToken cancellationToken)
    {
        if (EmbeddingOptionKeys.Text(options, EmbeddingOptionKeys.GeminiTaskType) is not null || EmbeddingOptionKeys.Text(options, EmbeddingOptionKeys.GeminiTitle) is not null)
        {
            Transport.LogIgnoredOption(Protocol, "Gemini task type and title");
        }

        var request = new OpenAIEmbeddingRequest { Model = model, Input = inputs, Dimensions = dimensions };
        byte[] body = RequestBody.Serialize(
            request,
            OpenAIEmbeddingsJsonContext.Default.OpenAIEmbeddingRequest,
            options?.AdditionalProperties,
            options?.RawRepresentationFactory?.Invoke(this),
            Transport,
            Protocol,
            nameof(EmbeddingGenerationOptions));

        using TransportResponse response = await Transport.SendAsync(TransportRequest.PostJson(_uri, body, AuthScheme.Bearer), Operation, cancellationToken).ConfigureAwait(false);
        return Read(response, inputs.Count);
    }

    private EmbeddingBatch Read(TransportResponse response, int count)
    {
        ReadOnlySpan<byte> body = response.Body.Span;
        OpenAIEmbeddingResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, OpenAIEmbeddingsJsonContext.Default.OpenAIEmbeddingResponse);
        }
        catch (JsonException ex)
        {
            throw InvalidResponse("is not valid JSON of the expected shape.", response.RequestId, body, ex);
        }

        if (parsed?.Error is { ValueKind: JsonValueKind.Object or JsonValueKind.String } && ErrorBody.TryParseJson(body, out ErrorBody error))
        {
            throw Transport.Errors.FromErrorObject(error, body, Operation, response.RequestId, inStream: false);
        }

        if (parsed?.Data is not { } data)
        {
            throw InvalidResponse("has no data.", response.RequestId, body);
        }

        if (data.Count != count)
        {
            throw InvalidResponse(Text($"has {data.Count} embeddings for {count} inputs."), response.RequestId, body);
        }

        // Results are matched to inputs by index, never by position: some upstreams answer out of order (docs/protocols/embeddings.md, docs/reliability.md "bodies").
        var vectors = new float[count][];
        for (int i = 0; i < data.Count; i++)
        {
            OpenAIEmbeddingItem? item = data[i];
            if (item?.Index is not { } index)
            {
                throw InvalidResponse(Text($"has an embedding without an index (item {i})."), response.RequestId, body);
            }

            string? problem = index < 0 || index >= count ? Text($"has index {index}, outside the {count} inputs.")
                : vectors[index] is not null ? Text($"has index {index} twice.")
                : item.Embedding is null ? Text($"has no vector for index {index}.")
                : null;
            if (problem is not null)
            {
                throw InvalidResponse(problem, response.RequestId, body);
            }

            vectors[index] = item.Embedding!;
        }

        CheckDimensions(vectors, response.RequestId, body);
        UsageDetails? usage = parsed.Usage is { } wire ? new UsageDetails { InputTokenCount = wire.PromptTokens, TotalTokenCount = wire.TotalTokens } : null;
        return new EmbeddingBatch(vectors, string.IsNullOrEmpty(parsed.Model) ? null : parsed.Model, usage, response.RequestId);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
