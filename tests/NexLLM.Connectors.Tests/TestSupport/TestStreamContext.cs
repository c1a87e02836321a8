using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// The open stream as a stream mapper sees it, without a stream: a fixed request id and accumulation cap, and errors
/// built as the stream builds them (kind, message, transient flag, cause and request id).
/// </summary>
internal sealed class TestStreamContext(string? requestId = TestStreamContext.DefaultRequestId, int maxAccumulatedChars = 1_000) : IStreamContext
{
    public const string DefaultRequestId = "rid-map";

    public string? RequestId => requestId;

    public int MaxAccumulatedChars => maxAccumulatedChars;

    public NexLLMException Error(NexLLMErrorKind kind, string message, bool transient, Exception? inner = null) =>
        new(kind, message, inner) { IsTransient = transient, RequestId = requestId };
}
