namespace NexLLM.Connectors.Benchmarks.Replay;

/// <summary>One pre-serialised answer: written as it is on every request, so the server does no per-request work.</summary>
/// <param name="ContentType">The <c>Content-Type</c> header.</param>
/// <param name="Bytes">The whole body.</param>
/// <param name="Chunked">Whether it goes out without a <c>Content-Length</c> (an event stream), as the gateway sends streams.</param>
public sealed record ReplayBody(string ContentType, byte[] Bytes, bool Chunked)
{
    /// <summary>Gets the writes the body goes out in, each flushed, as a server sends what it has generated so far.</summary>
    public int Pieces { get; init; } = 1;

    /// <summary>Gets the pause between two pieces: the time the server takes to generate the next one.</summary>
    public TimeSpan Gap { get; init; }

    /// <summary>Gets the fewest request body bytes the answer needs: a shorter upload is answered 400, so a contestant cannot skip the upload it is measured on.</summary>
    public long MinRequestBytes { get; init; }

    /// <summary>
    /// Gets the answer to a request whose body contains <see cref="AlternateWhen"/> (the same content in the form that
    /// request asks for, such as events instead of a file). Looked for in each read of the request: for small JSON requests.
    /// </summary>
    public ReplayBody? Alternate { get; init; }

    /// <summary>Gets the bytes that pick <see cref="Alternate"/>.</summary>
    public byte[]? AlternateWhen { get; init; }
}
