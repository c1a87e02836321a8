namespace NexLLM.Connectors.Benchmarks.Replay;

/// <summary>One pre-serialised answer: written as it is on every request, so the server does no per-request work.</summary>
/// <param name="ContentType">The <c>Content-Type</c> header.</param>
/// <param name="Bytes">The whole body.</param>
/// <param name="Chunked">Whether it goes out without a <c>Content-Length</c> (an event stream), as the gateway sends streams.</param>
public sealed record ReplayBody(string ContentType, byte[] Bytes, bool Chunked);
