using System.Text.Json;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Rerank.JinaRerank;

/// <summary>An <see cref="IRerankClient"/> over the gateway's <c>POST /v1/rerank</c> (Jina/Cohere style, docs/protocols/rerank.md).</summary>
internal sealed class JinaRerankClient : IRerankClient
{
    private const string Operation = "rerank";

    private readonly NexLLMClient _owner;
    private readonly NexLLMTransport _transport;
    private readonly string _model;
    private readonly Uri _uri;
    private readonly RerankClientMetadata _metadata;

    public JinaRerankClient(NexLLMClient owner, NexLLMTransport transport, string model)
    {
        _owner = owner;
        _transport = transport;
        _model = model;
        _uri = new Uri(transport.Endpoint, "rerank");
        _metadata = new RerankClientMetadata("nexllm", transport.Endpoint, model);
    }

    public async Task<RerankResponse> RerankAsync(
        string query, IEnumerable<string> documents, RerankOptions? options = null, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(query);
        Throw.IfNull(documents);
        string[] texts = [.. documents];
        if (Array.IndexOf(texts, null) is var nullAt and >= 0)
        {
            throw new ArgumentException($"The document at index {nullAt} is null.", nameof(documents));
        }

        // The gateway refuses both with a 500 "invalid_request" (docs/protocols/rerank.md); an empty query is a caller's mistake, no documents is no work.
        if (query.Length == 0)
        {
            throw new ArgumentException("The query must not be empty.", nameof(query));
        }

        string model = options?.ModelId is { } modelId ? Throw.IfNotIdentifier(modelId, "options.ModelId") : _model;
        if (texts.Length == 0)
        {
            return new RerankResponse { ModelId = model };
        }

        int topN = Math.Min(options?.TopN is { } requested ? Throw.IfOutOfRange(requested, 1, int.MaxValue, "options.TopN") : texts.Length, texts.Length);
        bool returnDocuments = options?.ReturnDocuments ?? false;
        var request = new JinaRerankRequest { Model = model, Query = query, Documents = texts, TopN = topN, ReturnDocuments = returnDocuments };
        byte[] body = RequestBody.Serialize(
            request,
            JinaRerankJsonContext.Default.JinaRerankRequest,
            options?.AdditionalProperties,
            options?.RawRepresentationFactory?.Invoke(this),
            _transport,
            Operation,
            nameof(RerankOptions));

        using TransportResponse response = await _transport.SendAsync(TransportRequest.PostJson(_uri, body, AuthScheme.Bearer), Operation, cancellationToken).ConfigureAwait(false);
        return Read(response, texts, topN, returnDocuments, model);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, _metadata, _owner, this);

    public void Dispose()
    {
        // The NexLLMClient owns the transport.
    }

    private RerankResponse Read(TransportResponse response, string[] documents, int topN, bool returnDocuments, string model)
    {
        ReadOnlySpan<byte> body = response.Body.Span;
        JinaRerankResponse? wire;
        JsonElement raw;
        try
        {
            wire = JsonSerializer.Deserialize(body, JinaRerankJsonContext.Default.JinaRerankResponse);
            raw = JsonSerializer.Deserialize(body, SharedJsonContext.Default.JsonElement);
        }
        catch (JsonException ex)
        {
            throw Invalid("is not valid JSON of the expected shape.", response.RequestId, body, ex);
        }

        if (wire?.Error is { ValueKind: JsonValueKind.Object or JsonValueKind.String } && ErrorBody.TryParseJson(body, out ErrorBody error))
        {
            throw _transport.Errors.FromErrorObject(error, body, Operation, response.RequestId, inStream: false);
        }

        if (wire is null)
        {
            throw Invalid("is empty.", response.RequestId, body);
        }

        return JinaRerankResponseMapper.Map(wire, raw, documents, topN, returnDocuments, model, response.RequestId, out string? problem)
            ?? throw Invalid(problem!, response.RequestId, body);
    }

    private NexLLMException Invalid(string problem, string? requestId, ReadOnlySpan<byte> body, Exception? inner = null) =>
        _transport.Errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {Operation} response {problem}", false, 200, requestId, body, inner);
}
