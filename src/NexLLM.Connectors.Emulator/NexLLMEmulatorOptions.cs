using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors.Emulator;

/// <summary>Settings of a <see cref="NexLLMEmulator"/>. They are read once, when it starts.</summary>
public sealed class NexLLMEmulatorOptions
{
    /// <summary>The default API key. It has no <c>-</c> after <c>sk-</c>: new-api reads <c>sk-KEY-123</c> as a channel pin (docs/protocols/gateway.md#authentication).</summary>
    public const string DefaultApiKey = "sk-nexllmemulator0local";

    /// <summary>The reasoning field of DeepSeek-style responses (the default).</summary>
    public const string ReasoningContentField = "reasoning_content";

    /// <summary>The reasoning field of OpenRouter-style responses.</summary>
    public const string OpenRouterReasoningField = "reasoning";

    /// <summary>
    /// Gets or sets the API key the emulator accepts, with or without its <c>sk-</c> prefix (default
    /// <see cref="DefaultApiKey"/>). A key with a <c>-</c> after the prefix is rejected at start: the gateway would read
    /// the rest as a channel pin, so no client could ever use it.
    /// </summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Gets or sets the port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Gets the models listed on <c>GET /v1/models</c>; starts as <see cref="EmulatorModel.Defaults"/>.</summary>
    public IList<EmulatorModel> Models { get; } = [.. EmulatorModel.Defaults];

    /// <summary>Gets or sets the pause between two streamed events (default zero).</summary>
    public TimeSpan StreamChunkDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Gets or sets the keep-alive interval: when set, a stream that has sent nothing for that long gets an SSE comment
    /// <c>: PING</c>, as new-api does when its admin enables pings (docs/protocols/gateway.md#sse-framing). <see langword="null"/> (the default) sends none.
    /// </summary>
    public TimeSpan? PingInterval { get; set; }

    /// <summary>
    /// Gets or sets the index of the first streamed tool call. 0 (the default) gives 0, 1, 2…; a value n &gt; 0 reproduces
    /// new-api's Claude-to-OpenAI conversion, where indices are Claude content-block indices: n, n + 2, n + 4…
    /// (they start above 0 and have gaps, docs/protocols/chat-completions.md "new-api specifics").
    /// </summary>
    public int ToolCallIndexBase { get; set; }

    /// <summary>
    /// Gets or sets the chat completions field that carries reasoning text: <see cref="ReasoningContentField"/>
    /// (<c>reasoning_content</c>, the default) or <see cref="OpenRouterReasoningField"/> (<c>reasoning</c>), docs/protocols/chat-completions.md.
    /// </summary>
    public string ReasoningField { get; set; } = ReasoningContentField;

    /// <summary>
    /// Gets or sets whether a model that is not in <see cref="Models"/> is refused with 503 <c>model_not_found</c>, like
    /// new-api's distributor when no channel serves it (docs/protocols/gateway.md#statuses). The default (<see langword="false"/>) accepts any model.
    /// </summary>
    public bool RejectUnknownModels { get; set; }

    /// <summary>
    /// Gets or sets whether requests the real services refuse are refused here too, each with a 400 in the provider's
    /// error shape as the gateway passes it on (docs/emulator.md#strict-mode); it also turns on
    /// <see cref="RejectUnknownModels"/>. The default (<see langword="false"/>) is friendly: it answers what it can.
    /// </summary>
    public bool Strict { get; set; }

    /// <summary>
    /// Gets or sets whether <c>/v1/messages</c> streams end every event with one more blank line
    /// (<c>event: …\ndata: …\n\n\n</c>), as new-api writes events it passes through from a Claude channel
    /// (docs/protocols/gateway.md#sse-framing, docs/protocols/sse.md#gotchas). The default (<see langword="false"/>) writes standard <c>\n\n</c> frames.
    /// </summary>
    public bool ClaudeStreamExtraBlankLines { get; set; }

    /// <summary>
    /// Gets or sets whether Gemini <c>:streamGenerateContent</c> streams take the shape new-api gives a stream it
    /// converts from an OpenAI-compatible channel (docs/protocols/gemini.md): text chunks with <c>"finishReason":null</c>, then one
    /// last chunk with empty <c>parts</c> and the finish reason; no thoughts, signatures, <c>modelVersion</c> or
    /// <c>responseId</c>. The default (<see langword="false"/>) streams as a Gemini channel does.
    /// </summary>
    public bool GeminiConvertedStream { get; set; }

    /// <summary>
    /// Gets or sets how <c>POST /v1/rerank</c> treats <c>top_n</c>: honoured (the default, like Jina), Cohere's defaults
    /// through new-api (omitted means one result, documents always returned) or ignored (every document comes back).
    /// </summary>
    public EmulatorRerankTopN RerankTopN { get; set; }

    /// <summary>
    /// Gets or sets whether <c>POST /v1/rerank</c> answers each <c>document</c> as a plain string, as new-api's Xinference
    /// path does, instead of <c>{"text": …}</c> (docs/protocols/rerank.md). The default is <see langword="false"/>.
    /// </summary>
    public bool RerankDocumentsAsStrings { get; set; }

    /// <summary>
    /// Gets or sets whether <c>POST /v1/completions</c> reads its body as new-api's request struct does
    /// (docs/protocols/completions.md#through-the-gateway): <c>logprobs</c> is a boolean there, so a number is refused with
    /// HTTP 500 <c>invalid_request</c>, and <c>echo</c> and <c>best_of</c> are not in it, so they are lost. The default
    /// (<see langword="false"/>) honours them as OpenAI's completions API does.
    /// </summary>
    public bool CompletionsThroughNewApiStruct { get; set; }

    /// <summary>
    /// Gets or sets whether <c>/v1/realtime</c> speaks the generally available (GA) protocol: GA server event names
    /// (<c>response.output_text.delta</c>, <c>response.output_audio.delta</c>, <c>conversation.item.added</c>…), the GA
    /// session shape, and GA client shapes accepted alongside the beta ones. The default (<see langword="false"/>) is the
    /// beta protocol the gateway relays (docs/protocols/realtime.md#connecting-through-the-gateway).
    /// </summary>
    public bool RealtimeGaEvents { get; set; }

    /// <summary>The default of <see cref="MaxRequestBodyBytes"/>: 32 MiB, new-api's <c>MAX_REQUEST_BODY_MB</c> default.</summary>
    public const long DefaultMaxRequestBodyBytes = 32L * 1024 * 1024;

    /// <summary>
    /// Gets or sets the largest request body accepted, on every route (default <see cref="DefaultMaxRequestBodyBytes"/>,
    /// new-api's <c>MAX_REQUEST_BODY_MB</c> of 32). A larger body is answered 413 with new-api's
    /// <c>read_request_body_failed</c> error (docs/protocols/audio.md#through-the-gateway). Raise it to test large uploads.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Gets or sets the logger factory for request logs; <see langword="null"/> (the default) logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
