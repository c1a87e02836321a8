namespace SemanticKernelSample;

/// <summary>The bundled knowledge the retrieval-augmented prompt draws on.</summary>
internal static class Notes
{
    public static readonly string[] All =
    [
        "The gateway keeps request logs for 30 days, then deletes them; usage totals are kept for billing.",
        "Rate limits apply per API key: 600 requests per minute by default, raised on request.",
        "Streaming answers arrive as server-sent events; the gateway sends a keep-alive comment every 10 seconds.",
        "Claude models can be called through the native Messages format at /v1/messages.",
        "Gemini models speak their native generateContent format under /v1beta.",
        "Embeddings are billed per input token; vectors can be shortened with the dimensions parameter.",
    ];
}
