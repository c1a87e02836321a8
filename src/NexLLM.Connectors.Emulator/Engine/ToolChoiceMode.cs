namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>How the caller lets the model use tools.</summary>
internal enum ToolChoiceMode
{
    /// <summary>The model decides (the default).</summary>
    Auto,

    /// <summary>No tool calls.</summary>
    None,

    /// <summary>At least one tool call.</summary>
    Required,

    /// <summary>A call to one named function.</summary>
    Named,
}
