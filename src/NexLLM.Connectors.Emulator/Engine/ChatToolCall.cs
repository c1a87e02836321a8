using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>A function call, made by the model in the history or in a reply.</summary>
/// <param name="Id">The call id.</param>
/// <param name="Name">The function name.</param>
/// <param name="ArgumentsJson">The arguments as JSON text (verbatim for scripted calls).</param>
internal sealed record ChatToolCall(string Id, string Name, string ArgumentsJson)
{
    /// <summary>A new id in OpenAI's style, <c>call_</c> and 24 characters.</summary>
    public static string NewId() => "call_" + RequestIds.RandomToken(24);
}
