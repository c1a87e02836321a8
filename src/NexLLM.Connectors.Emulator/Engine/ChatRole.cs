namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>Who wrote a turn of the conversation, whatever the wire format calls it.</summary>
internal enum ChatRole
{
    /// <summary>Instructions: <c>system</c> or <c>developer</c> messages, Claude <c>system</c>, Gemini <c>systemInstruction</c>.</summary>
    System,

    /// <summary>The user.</summary>
    User,

    /// <summary>The model (Gemini calls it <c>model</c>).</summary>
    Assistant,

    /// <summary>A tool result.</summary>
    Tool,
}
