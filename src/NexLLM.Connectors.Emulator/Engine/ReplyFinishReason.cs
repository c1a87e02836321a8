namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>Why a reply ended, in neutral terms; each wire format names it in its own vocabulary.</summary>
internal enum ReplyFinishReason
{
    /// <summary>A natural end or a stop sequence.</summary>
    Stop,

    /// <summary>The output token limit.</summary>
    Length,

    /// <summary>The reply calls tools.</summary>
    ToolCalls,

    /// <summary>A safety filter.</summary>
    ContentFilter,
}
