using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Completions;

/// <summary>
/// Turns the engine's reply to each prompt into the choices of a legacy completion: <c>n</c> choices per prompt, in prompt
/// order, the prompt first when it is echoed, with logprobs when they were asked for; and the usage of the whole request
/// (each prompt counted once, each choice's text once).
/// </summary>
internal static class CompletionsComposer
{
    /// <param name="call">The request.</param>
    /// <param name="replies">The reply to each prompt, in prompt order. Only its text, finish reason and usage are used.</param>
    public static (IReadOnlyList<CompletionChoice> Choices, ChatUsage Usage) Compose(CompletionsCall call, IReadOnlyList<ChatEngineReply> replies)
    {
        var choices = new List<CompletionChoice>(call.Prompts.Count * call.Choices);
        int promptTokens = 0;
        int completionTokens = 0;
        for (int p = 0; p < call.Prompts.Count; p++)
        {
            string prompt = call.Prompts[p];
            ChatEngineReply reply = replies[p];
            string text = call.Echo ? prompt + reply.Text : reply.Text ?? "";
            promptTokens += reply.Usage.PromptTokens;
            for (int i = 0; i < call.Choices; i++)
            {
                // The offsets count from the start of the prompt (docs/protocols/completions.md#response).
                CompletionLogprobs? logprobs = call.Logprobs is { } alternatives
                    ? new CompletionLogprobs(text, call.Echo ? 0 : prompt.Length, alternatives, call.Echo)
                    : null;
                choices.Add(new CompletionChoice((p * call.Choices) + i, text, OpenAIFinishReason.Of(reply), logprobs));
                completionTokens += reply.Usage.CompletionTokens;
            }
        }

        return (choices, new ChatUsage(promptTokens, completionTokens, CachedTokens: 0, ReasoningTokens: 0, CacheWriteTokens: 0));
    }
}
