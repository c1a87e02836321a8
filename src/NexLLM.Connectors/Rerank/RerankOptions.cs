using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors;

/// <summary>Represents the options of a rerank request.</summary>
public class RerankOptions
{
    /// <summary>Initializes a new instance of the <see cref="RerankOptions"/> class.</summary>
    public RerankOptions()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RerankOptions"/> class, a shallow copy of <paramref name="other"/>.</summary>
    /// <param name="other">The instance to copy, or <see langword="null"/> for the defaults.</param>
    protected RerankOptions(RerankOptions? other)
    {
        if (other is null)
        {
            return;
        }

        ModelId = other.ModelId;
        TopN = other.TopN;
        ReturnDocuments = other.ReturnDocuments;
        AdditionalProperties = other.AdditionalProperties?.Clone();
        RawRepresentationFactory = other.RawRepresentationFactory;
    }

    /// <summary>Gets or sets the model to use, instead of the client's default.</summary>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets how many of the most relevant results to return; <see langword="null"/> for all of them.</summary>
    public int? TopN { get; set; }

    /// <summary>Gets or sets whether each result carries its document's text (<see cref="RerankResult.Document"/>).</summary>
    public bool? ReturnDocuments { get; set; }

    /// <summary>Gets or sets additional provider-specific options.</summary>
    /// <remarks>The NexLLM client sends every key as a top-level request field, except keys starting with <c>nexllm.</c>.</remarks>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; set; }

    /// <summary>
    /// Gets or sets a callback that creates the provider's native request for this call, which the client completes
    /// with the values of these options (the caller's fields win).
    /// </summary>
    /// <remarks>The NexLLM client accepts a <see cref="System.Text.Json.Nodes.JsonObject"/>.</remarks>
    [JsonIgnore]
    public Func<IRerankClient, object?>? RawRepresentationFactory { get; set; }

    /// <summary>Creates a shallow copy of these options (<see cref="AdditionalProperties"/> is copied too).</summary>
    /// <returns>The copy.</returns>
    public virtual RerankOptions Clone() => new(this);
}
