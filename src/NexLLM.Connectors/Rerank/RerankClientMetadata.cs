namespace NexLLM.Connectors;

/// <summary>Provides metadata about an <see cref="IRerankClient"/>.</summary>
public class RerankClientMetadata
{
    /// <summary>Initializes a new instance of the <see cref="RerankClientMetadata"/> class.</summary>
    /// <param name="providerName">The name of the provider, such as <c>nexllm</c>; it appears in telemetry.</param>
    /// <param name="providerUri">The URL of the provider's endpoint.</param>
    /// <param name="defaultModelId">The model used when a request names none.</param>
    public RerankClientMetadata(string? providerName = null, Uri? providerUri = null, string? defaultModelId = null)
    {
        ProviderName = providerName;
        ProviderUri = providerUri;
        DefaultModelId = defaultModelId;
    }

    /// <summary>Gets the name of the provider.</summary>
    public string? ProviderName { get; }

    /// <summary>Gets the URL of the provider's endpoint.</summary>
    public Uri? ProviderUri { get; }

    /// <summary>Gets the model used when a request names none.</summary>
    public string? DefaultModelId { get; }
}
