using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat;

/// <summary>What every chat format does with <see cref="ChatOptions.Tools"/> before it writes its own tool shape.</summary>
internal static class FunctionTools
{
    /// <summary>
    /// Defines each function tool in the format's shape; any other tool (a hosted one the format has no field for) is
    /// logged as ignored, never sent under another name.
    /// </summary>
    /// <typeparam name="T">The format's tool definition.</typeparam>
    /// <param name="options">The caller's options.</param>
    /// <param name="define">Writes one function in the format's shape.</param>
    /// <param name="ignored">Logs what was not sent.</param>
    /// <returns>The definitions, or <see langword="null"/> when there is no function tool.</returns>
    public static List<T>? Define<T>(ChatOptions options, Func<AIFunctionDeclaration, T> define, Action<string> ignored)
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
