using NexLLM.Connectors.Http;
using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors;

/// <summary>Settings of a <see cref="NexLLMClient"/>. The client copies them when it is created; later changes have no effect on it.</summary>
public sealed class NexLLMClientOptions
{
    /// <summary>The gateway's default base URL.</summary>
    public static readonly Uri DefaultEndpoint = new("https://www.nexllm.ai/v1");

    /// <summary>
    /// Gets or sets the base URL of the OpenAI-style routes (default <c>https://www.nexllm.ai/v1</c>). It must be https
    /// (http is accepted for loopback addresses, or everywhere with <see cref="AllowInsecureHttp"/>) and carry no
    /// user info, query or fragment.
    /// </summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>
    /// Gets or sets the base URL of the Gemini-native routes. When <see langword="null"/>, it is <see cref="Endpoint"/> with
    /// its last path segment <c>v1</c> replaced by <c>v1beta</c>.
    /// </summary>
    public Uri? GeminiEndpoint { get; set; }

    /// <summary>Gets or sets the API key (<c>sk-...</c>). It travels only in request headers, never in a URL.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets how many times a failed request is retried (default 2; 0 disables retries).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Gets or sets the time allowed to open a connection (default 30 seconds).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the time allowed from sending a request to receiving the response headers (default 10 minutes: a
    /// non-streamed answer of a large model can take that long).
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets the longest silence allowed between two reads of a response body or stream (default 5 minutes, above
    /// the gateway's own 300-second stream timeout). Keep-alive comments reset it.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the largest non-streamed response body accepted, counted after decompression (default 64 MiB).</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Gets or sets the largest single stream event accepted (default 16 MiB).</summary>
    public int MaxStreamEventBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Gets or sets a value indicating whether a stream that ends without its end marker ends quietly instead of raising a
    /// <see cref="NexLLMException"/> with <see cref="NexLLMErrorKind.TruncatedStream"/> (default <see langword="false"/>).
    /// Only for servers that never send one: a truncated answer then looks complete.
    /// </summary>
    public bool AllowIncompleteStreams { get; set; }

    /// <summary>Gets headers sent with every request. Names and values must not contain CR or LF.</summary>
    public IDictionary<string, string> DefaultHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets a value indicating whether a plain-http endpoint on a non-loopback host is accepted (default <see langword="false"/>).</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets the clock used for timeouts and retry delays (default <see cref="TimeProvider.System"/>).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the logger factory; <see langword="null"/> disables logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Returns a validated copy, so that later changes to this instance do not affect a client.</summary>
    internal NexLLMClientOptions Snapshot()
    {
        var copy = new NexLLMClientOptions
        {
            Endpoint = EndpointRules.Validate(Endpoint, AllowInsecureHttp, nameof(Endpoint)),
            GeminiEndpoint = GeminiEndpoint is null ? null : EndpointRules.Validate(GeminiEndpoint, AllowInsecureHttp, nameof(GeminiEndpoint)),
            ApiKey = ValidateApiKey(ApiKey, nameof(ApiKey)),
            MaxRetries = Throw.IfOutOfRange(MaxRetries, 0, 10),
            ConnectTimeout = Throw.IfNotPositiveOrInfinite(ConnectTimeout),
            ResponseTimeout = Throw.IfNotPositiveOrInfinite(ResponseTimeout),
            StreamIdleTimeout = Throw.IfNotPositiveOrInfinite(StreamIdleTimeout),
            MaxResponseBytes = Throw.IfOutOfRange(MaxResponseBytes, 1024, int.MaxValue),
            MaxStreamEventBytes = Throw.IfOutOfRange(MaxStreamEventBytes, 1024, int.MaxValue),
            AllowIncompleteStreams = AllowIncompleteStreams,
            AllowInsecureHttp = AllowInsecureHttp,
            TimeProvider = Throw.IfNull(TimeProvider),
            LoggerFactory = LoggerFactory,
        };

        foreach (var header in DefaultHeaders)
        {
            HeaderRules.Validate(header.Key, header.Value, nameof(DefaultHeaders));
            copy.DefaultHeaders[header.Key] = header.Value;
        }

        return copy;
    }

    private static string ValidateApiKey(string? apiKey, string paramName)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("An API key is required: set NexLLMClientOptions.ApiKey (for example from the NEXLLM_API_KEY environment variable).", paramName);
        }

        // The key goes into a header: only printable ASCII may travel there (a CR or LF would smuggle another header).
        // Never echo the key in the message.
        foreach (char c in apiKey)
        {
            if (c is < '!' or > '~')
            {
                throw new ArgumentException("The API key contains white space, a line break or a character that cannot travel in a header; check how it was read.", paramName);
            }
        }

        return apiKey;
    }
}
