using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat;

/// <summary>What every chat format does with <see cref="ChatOptions.Tools"/> before it writes its own tool shape.</summary>
internal static class FunctionTools
{
    /// <summary>
    /// Defines each function tool in the format's shape, and each hosted tool the format has; any other tool is logged as
    /// ignored, never sent under another name.
    /// </summary>
    /// <typeparam name="T">The format's tool definition.</typeparam>
    /// <param name="options">The caller's options.</param>
    /// <param name="define">Writes one function in the format's shape.</param>
    /// <param name="ignored">Logs what was not sent.</param>
    /// <param name="defineHosted">Writes a tool that is not a function, for the formats that have it, or gives <see langword="null"/>.</param>
    /// <returns>The definitions, or <see langword="null"/> when there is no tool to send.</returns>
    public static List<T>? Define<T>(ChatOptions options, Func<AIFunctionDeclaration, T> define, Action<string> ignored, Func<AITool, T?>? defineHosted = null)
        where T : class
    {
        if (options.Tools is not { Count: > 0 } tools)
        {
            return null;
        }

        var definitions = new List<T>(tools.Count);
        foreach (AITool tool in tools)
        {
            if (tool is AIFunctionDeclaration function)
            {
                definitions.Add(define(function));
            }
            else if (defineHosted?.Invoke(tool) is { } hosted)
            {
                definitions.Add(hosted);
            }
            else
            {
                ignored($"tool {tool.Name} ({tool.GetType().Name})");
            }
        }

        return definitions.Count == 0 ? null : definitions;
    }

    /// <summary>The function's description, or <see langword="null"/> for none (an empty one is not sent).</summary>
    public static string? DescriptionOf(AIFunctionDeclaration function) => string.IsNullOrEmpty(function.Description) ? null : function.Description;
}
