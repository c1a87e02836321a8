using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// What OpenAI's two chat routes, chat completions and Responses, write the same way: the strict-schema transform, the
/// reasoning effort's words, and the image detail and default file names of inputs.
/// </summary>
internal static class OpenAIShapes
{
    /// <summary>
    /// OpenAI's strict mode accepts only schemas that require every property and forbid others (optional ones become
    /// nullable); M.E.AI's transform makes them so, cached per function or format.
    /// </summary>
    public static readonly AIJsonSchemaTransformCache StrictSchemas = new(new AIJsonSchemaTransformOptions
    {
        DisallowAdditionalProperties = true,
        RequireAllProperties = true,
        MoveDefaultKeywordToDescription = true,
    });

    /// <summary><c>reasoning_effort</c> / <c>reasoning.effort</c>: <c>none|low|medium|high|xhigh</c>; a value M.E.AI adds later is logged, not guessed.</summary>
    public static string? Effort(ReasoningEffort? effort, Action<string> ignored)
    {
        switch (effort)
        {
            case null:
                return null;
            case ReasoningEffort.None:
                return "none";
            case ReasoningEffort.Low:
                return "low";
            case ReasoningEffort.Medium:
                return "medium";
            case ReasoningEffort.High:
                return "high";
            case ReasoningEffort.ExtraHigh:
                return "xhigh";
            default:
                ignored("Reasoning.Effort");
                return null;
        }
    }

    /// <summary>The image detail (<c>auto</c>, <c>low</c>, <c>high</c>) from the content's <c>"detail"</c> additional property.</summary>
    public static string? DetailOf(AIContent content) =>
        content.AdditionalProperties?.TryGetValue("detail", out object? detail) is true ? detail?.ToString()?.ToLowerInvariant() : null;

    /// <summary>A file name for bytes sent without one (OpenAI requires a name on file inputs).</summary>
    public static string DefaultFileName(string mediaType) => mediaType switch
    {
        "application/pdf" => "document.pdf",
        "text/plain" => "document.txt",
        _ => "file",
    };
}
