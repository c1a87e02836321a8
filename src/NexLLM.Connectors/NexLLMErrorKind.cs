namespace NexLLM.Connectors;

/// <summary>What kind of failure a <see cref="NexLLMException"/> reports.</summary>
public enum NexLLMErrorKind
{
    /// <summary>The gateway answered with an error status code (see <see cref="NexLLMException.StatusCode"/>).</summary>
    HttpStatus,

    /// <summary>An error arrived inside a stream that had started successfully (HTTP 200).</summary>
    InStreamError,

    /// <summary>A stream ended before its end marker: the answer is incomplete.</summary>
    TruncatedStream,

    /// <summary>The response could not be read: malformed JSON, an unexpected content type or shape.</summary>
    InvalidResponse,

    /// <summary>One of the client's own timeouts elapsed (connect, response headers, or stream idle).</summary>
    Timeout,

    /// <summary>The connection failed or was reset.</summary>
    Connection,

    /// <summary>A response body or one stream event exceeded the configured size limit.</summary>
    ResponseTooLarge,

    /// <summary>The server answered with a redirect, which the client never follows (credentials must not travel to another host).</summary>
    Redirect,
}
