namespace NexLLM.Connectors.Http;

/// <summary>How a request carries the API key (docs/protocols/gateway.md#authentication). Never a URL query parameter.</summary>
internal enum AuthScheme
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>: the OpenAI-style routes.</summary>
    Bearer,

    /// <summary><c>x-api-key: &lt;key&gt;</c>: the Claude Messages route.</summary>
    XApiKey,

    /// <summary><c>x-goog-api-key: &lt;key&gt;</c>: the Gemini-native routes.</summary>
    GoogApiKey,
}
