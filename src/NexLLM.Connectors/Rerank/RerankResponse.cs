using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors;

/// <summary>Represents the result of a rerank request.</summary>
public class RerankResponse
{
    private IList<RerankResult>? _results;

    /// <summary>Initializes a new instance of the <see cref="RerankResponse"/> class.</summary>
    public RerankResponse()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RerankResponse"/> class.</summary>
    /// <param name="results">The results, most relevant first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is <see langword="null"/>.</exception>
    public RerankResponse(IList<RerankResult> results)
    {
        _results = Throw.IfNull(results);
    }

    /// <summary>Gets or sets the results, most relevant first.</summary>
    [AllowNull]
    public IList<RerankResult> Results
    {
        get => _results ??= [];
        set => _results = value;
    }

    /// <summary>Gets or sets the model that produced the scores.</summary>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets the usage of the request.</summary>
    public UsageDetails? Usage { get; set; }

    /// <summary>Gets or sets the provider's own response object, for access to what this type does not model.</summary>
    [JsonIgnore]
    public object? RawRepresentation { get; set; }

    /// <summary>Gets or sets additional provider-specific properties (the NexLLM client puts the gateway's request id in <c>nexllm.request_id</c>).</summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; set; }
}
