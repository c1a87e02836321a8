namespace NexLLM.Connectors.Http;

/// <summary>What a format's stream mapper needs from the open stream: its request id, and errors built with its context.</summary>
internal interface IStreamContext
{
    /// <summary>Gets the gateway's request id of the stream.</summary>
    string? RequestId { get; }

    /// <summary>Gets the most text a mapper may accumulate for one response (tool-call arguments, a refusal): the body cap.</summary>
    int MaxAccumulatedChars { get; }

    /// <summary>Builds an error with the stream's request id and attempt count, and logs it.</summary>
    NexLLMException Error(NexLLMErrorKind kind, string message, bool transient, Exception? inner = null);
}
