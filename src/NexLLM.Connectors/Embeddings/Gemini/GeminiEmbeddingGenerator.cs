using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Embeddings.Gemini;

/// <summary>
/// An embedding generator over Gemini's native <c>POST /v1beta/models/{model}:embedContent</c> (one input) and
/// <c>:batchEmbedContents</c> (several), WIRE.md §11. The key travels only in <c>x-goog-api-key</c>, never in the URL.
/// </summary>
internal sealed class GeminiEmbeddingGenerator : EmbeddingGeneratorBase
{
    /// <summary>Google's limit of requests in one <c>batchEmbedContents</c> call.</summary>
    public const int DefaultMaxInputs = 100;

    private const string Protocol = "Gemini embedContent";
    private const string ModelPrefix = "models/";

    public GeminiEmbeddingGenerator(NexLLMClient owner, NexLLMTransport transport, string model, int? dimensions)
        : base(owner, transport, model, dimensions, transport.GeminiEndpoint, DefaultMaxInputs)
    {
        _ = ModelName(model, nameof(model));
    }

    protected override string Operation => Protocol;

    /// <summary>
    /// The model as one path segment: a <c>models/</c> prefix, as Google writes names, is accepted; the rest is escaped
    /// (so <c>/</c>, <c>?</c>, <c>#</c> or <c>%</c> cannot change the route) and dot segments are refused.
    /// </summary>
    public static string ModelName(string model, string paramName)
    {
        string name = model.StartsWith(ModelPrefix, StringComparison.Ordinal) ? model[ModelPrefix.Length..] : model;
        return name.Length == 0 || name is "." or ".." || string.IsNullOrWhiteSpace(name)
            ? throw new ArgumentException($"'{model}' is not a model name.", paramName)
            : name;
    }

    protected override void ValidateModel(string model, string paramName) => ModelName(model, paramName);

    protected override async Task<EmbeddingBatch> SendAsync(
        ArraySegment<string> inputs, EmbeddingGenerationOptions? options, string model, int? dimensions, CancellationToken cancellationToken)
    {
        string name = ModelName(model, nameof(model));
        string? taskType = EmbeddingOptionKeys.Text(options, EmbeddingOptionKeys.GeminiTaskType);
        string? title = EmbeddingOptionKeys.Text(options, EmbeddingOptionKeys.GeminiTitle);
        object? raw = options?.RawRepresentationFactory?.Invoke(this);
        bool single = inputs.Count == 1;

        // One input: embedContent; several: batchEmbedContents, each request naming its model (Google requires it there).
        // new-api picks the handler from this URL suffix (WIRE.md §11).
        var uri = new Uri(Transport.GeminiEndpoint.AbsoluteUri + ModelPrefix + Uri.EscapeDataString(name) + (single ? ":embedContent" : ":batchEmbedContents"));
        byte[] body = single
            ? RequestFields.Serialize(
                Request(inputs[0], modelPath: null),
                GeminiEmbeddingsJsonContext.Default.GeminiEmbedRequest,
                options?.AdditionalProperties,
                raw,
                Transport,
                Protocol,
                nameof(EmbeddingGenerationOptions))
            : RequestFields.Serialize(
                new GeminiBatchEmbedRequest { Requests = [.. inputs.Select(text => Request(text, ModelPrefix + name))] },
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
            throw Transport.Errors.FromBodyError(error, body, Operation, response.RequestId);
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
