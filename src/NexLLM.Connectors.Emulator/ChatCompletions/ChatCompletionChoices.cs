using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// The <c>n</c> choices of a chat completion. The engine is deterministic, so every choice gives the same answer; the first
/// is the reply itself (a scripted reply keeps its exact tool-call ids there), the others get fresh tool-call ids, as each
/// call OpenAI makes has an id of its own. Usage counts the prompt once and every choice's output.
/// </summary>
internal static class ChatCompletionChoices
{
    /// <summary>The reply of each choice, in index order.</summary>
    public static IReadOnlyList<ChatEngineReply> Of(ChatEngineReply reply, int count)
    {
        var choices = new List<ChatEngineReply>(count) { reply };
        for (int i = 1; i < count; i++)
        {
            choices.Add(reply with { ToolCalls = [.. reply.ToolCalls.Select(call => call with { Id = ChatToolCall.NewId() })] });
        }

        return choices;
    }

    /// <summary>The usage of the whole completion: the first choice's prompt counts, and the output of all of them.</summary>
    public static ChatUsage Usage(IReadOnlyList<ChatEngineReply> choices)
    {
        var first = choices[0].Usage;
        return first with
        {
            CompletionTokens = choices.Sum(c => c.Usage.CompletionTokens),
            ReasoningTokens = choices.Sum(c => c.Usage.ReasoningTokens),
        };
    }
}
