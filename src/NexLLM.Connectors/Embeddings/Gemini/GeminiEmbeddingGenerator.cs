using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Embeddings.Gemini;

/// <summary>
/// An embedding generator over Gemini's native <c>POST /v1beta/models/{model}:embedContent</c> (one input) and
/// <c>:batchEmbedContents</c> (several), docs/protocols/gemini.md. The key travels only in <c>x-goog-api-key</c>, never in the URL.
/// </summary>
internal sealed class GeminiEmbeddingGenerator : EmbeddingGeneratorBase
{
    /// <summary>Google's limit of requests in one <c>batchEmbedContents</c> call.</summary>
    public const int DefaultMaxInputs = 100;

    private const string Protocol = "Gemini embedContent";
    public GeminiEmbeddingGenerator(NexLLMClient owner, NexLLMTransport transport, string model, int? dimensions)
        : base(owner, transport, model, dimensions, transport.GeminiEndpoint, DefaultMaxInputs)
    {
        _ = GeminiModelPath.Name(model, nameof(model));
    }

    protected override string Operation => Protocol;

    protected override void ValidateModel(string model, string paramName) => GeminiModelPath.Name(model, paramName);

    protected override async Task<EmbeddingBatch> SendAsync(
        ArraySegment<string> inputs, EmbeddingGenerationOptions? options, string model, int? dimensions, CancellationToken cancellationToken)
    {
        string? taskType = EmbeddingOptionKeys.Text(options, EmbeddingOptionKeys.GeminiTaskType);
        string? title = EmbeddingOptionKeys.Text(options, EmbeddingOptionKeys.GeminiTitle);
        object? raw = options?.RawRepresentationFactory?.Invoke(this);
        bool single = inputs.Count == 1;

        // One input: embedContent; several: batchEmbedContents, each request naming its model (Google requires it there).
        // new-api picks the handler from this URL suffix (docs/protocols/gemini.md).
        Uri uri = GeminiModelPath.Uri(Transport.GeminiEndpoint, model, single ? ":embedContent" : ":batchEmbedContents", nameof(model));
        byte[] body = single
            ? RequestBody.Serialize(
                Request(inputs[0], modelPath: null),
                GeminiEmbeddingsJsonContext.Default.GeminiEmbedRequest,
                options?.AdditionalProperties,
                raw,
                Transport,
                Protocol,
                nameof(EmbeddingGenerationOptions))
            : RequestBody.Serialize(
                new GeminiBatchEmbedRequest { Requests = [.. inputs.Select(text => Request(text, GeminiModelPath.Prefix + GeminiModelPath.Strip(model)))] },
                GeminiEmbeddingsJsonContext.Default.GeminiBatchEmbedRequest,
                options?.AdditionalProperties,
                raw,
                Transport,
                Protocol,
                nameof(EmbeddingGenerationOptions),
                itemsArray: "requests");

        using TransportResponse response = await Transport
            .SendAsync(TransportRequest.PostJson(uri, body, AuthScheme.GoogApiKey), Operation, cancellationToken)
            .ConfigureAwait(false);
        return Read(response, inputs.Count, single);

        GeminiEmbedRequest Request(string text, string? modelPath) => new()
        {
            Model = modelPath,
            Content = new GeminiTextContent { Parts = [new GeminiTextPart { Text = text }] },
            TaskType = taskType,
            Title = title,
            OutputDimensionality = dimensions,
        };
    }

    private EmbeddingBatch Read(TransportResponse response, int count, bool single)
    {
        ReadOnlySpan<byte> body = response.Body.Span;
        GeminiEmbedResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, GeminiEmbeddingsJsonContext.Default.GeminiEmbedResponse);
        }
        catch (JsonException ex)
        {
            throw InvalidResponse("is not valid JSON of the expected shape.", response.RequestId, body, ex);
        }

        if (parsed?.Error is { ValueKind: JsonValueKind.Object or JsonValueKind.String } && ErrorBody.TryParseJson(body, out ErrorBody error))
        {
            throw Transport.Errors.FromErrorObject(error, body, Operation, response.RequestId, inStream: false);
        }

        float[][] vectors;
        if (single)
        {
            vectors = parsed?.Embedding?.Values is { } values ? [values] : throw InvalidResponse("has no embedding.", response.RequestId, body);
        }
        else
        {
            // A batch answers in request order: there is no index to check, only the count.
            List<GeminiEmbeddingValues?> embeddings = parsed?.Embeddings ?? throw InvalidResponse("has no embeddings.", response.RequestId, body);
            if (embeddings.Count != count)
            {
                throw InvalidResponse(string.Create(CultureInfo.InvariantCulture, $"has {embeddings.Count} embeddings for {count} inputs."), response.RequestId, body);
            }

            vectors = new float[count][];
            for (int i = 0; i < count; i++)
            {
                vectors[i] = embeddings[i]?.Values
                    ?? throw InvalidResponse(string.Create(CultureInfo.InvariantCulture, $"has no values for input {i}."), response.RequestId, body);
            }
        }

        CheckDimensions(vectors, response.RequestId, body);
        UsageDetails? usage = parsed!.UsageMetadata is { PromptTokenCount: { } prompt } metadata
            ? new UsageDetails { InputTokenCount = prompt, TotalTokenCount = metadata.TotalTokenCount ?? prompt }
            : null;
        return new EmbeddingBatch(vectors, ModelId: null, usage, response.RequestId);
    }
}
