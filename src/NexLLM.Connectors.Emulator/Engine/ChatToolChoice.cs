namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>The caller's tool choice.</summary>
/// <param name="Mode">The mode.</param>
/// <param name="FunctionName">The function of <see cref="ToolChoiceMode.Named"/>.</param>
internal sealed record ChatToolChoice(ToolChoiceMode Mode, string? FunctionName = null)
{
    public static ChatToolChoice Auto { get; } = new(ToolChoiceMode.Auto);
}
