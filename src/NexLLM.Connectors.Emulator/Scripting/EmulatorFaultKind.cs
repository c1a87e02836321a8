namespace NexLLM.Connectors.Emulator;

/// <summary>What an <see cref="EmulatorFault"/> does to a response.</summary>
public enum EmulatorFaultKind
{
    /// <summary>Answer with a status code, optional headers and an optional body instead of the normal response.</summary>
    Status,

    /// <summary>Wait, then answer normally.</summary>
    Delay,

    /// <summary>A normal 200 stream, then an in-stream error event after some chunks, then the end.</summary>
    StreamError,

    /// <summary>A normal 200 stream, then raw un-prefixed JSON after some chunks, then the end (docs/protocols/gateway.md#sse-framing).</summary>
    RawStreamError,

    /// <summary>A normal 200 stream that ends cleanly after some chunks, with no finish reason and no terminator.</summary>
    Truncate,

    /// <summary>A normal 200 stream whose connection is aborted after some chunks.</summary>
    Reset,

    /// <summary>A normal 200 stream that goes silent after some chunks, then is aborted.</summary>
    Stall,

    /// <summary>A normal 200 stream with one event that is not valid JSON after some chunks.</summary>
    MalformedChunk,

    /// <summary>
    /// A normal 200 stream that, after some chunks, starts over with a second complete answer under a new id: what
    /// new-api writes when an upstream fails mid-stream and its channel retry answers into the same response (docs/protocols/gateway.md#sse-framing).
    /// </summary>
    Failover,

    /// <summary>Answer with exact bytes.</summary>
    Raw,

    /// <summary>Answer with a redirect.</summary>
    Redirect,

    /// <summary>
    /// A normal 200 answer that fails after some chunks: on <c>/v1/responses</c> a response with status <c>failed</c>
    /// (<c>response.failed</c> when streamed); elsewhere the same as <see cref="StreamError"/>.
    /// </summary>
    Failed,

    /// <summary>
    /// A normal 200 answer that, after some chunks, sends one event of <see cref="EmulatorFault.Bytes"/> bytes (a
    /// WebSocket message in fragments on the realtime route; the whole body of an answer that is not a stream), written
    /// piece by piece and never held whole, then ends: for testing a client's size limit.
    /// </summary>
    Oversize,
}
