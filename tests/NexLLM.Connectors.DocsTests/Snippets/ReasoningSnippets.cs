using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>docs/guides/reasoning.md, on the client of the README's "Use it" (in the tests, the emulator's).</summary>
internal static class ReasoningSnippets
{
    /// <summary>One reasoning effort on four protocols, then a thinking budget on Claude across a tool turn.</summary>
    public static async Task ReasoningAsync(NexLLMClient nexllm)
    {
        // <snippet:reasoning-effort>
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low, Output = ReasoningOutput.Summary } };
        IChatClient[] clients =
        [
            nexllm.GetChatClient("o4-mini"),                                                     // reasoning_effort: "low"
            nexllm.GetChatClient("o4-mini", NexLLMChatProtocol.Responses),                       // reasoning: {effort: "low", summary: "auto"}
            nexllm.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages),        // thinking: {type: "enabled", budget_tokens: 1024}
            nexllm.GetChatClient("gemini-2.5-flash", NexLLMChatProtocol.GeminiGenerateContent),  // thinkingConfig: {thinkingBudget: 1024, includeThoughts: true}
        ];

        foreach (IChatClient client in clients)
        {
            ChatResponse response = await client.GetResponseAsync("Is 2027 a prime number?", options);
            string thoughts = string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text));
            Console.WriteLine($"{thoughts.Length} characters of reasoning, {response.Usage?.ReasoningTokenCount} reasoning tokens; answer: {response.Text.Length} characters");
        }
        // </snippet:reasoning-effort>

        // <snippet:reasoning-claude-tools>
        IChatClient claude = nexllm.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages)
            .AsBuilder()
            .UseFunctionInvocation()
            .Build();
        ChatOptions thinking = new ChatOptions
        {
            MaxOutputTokens = 2048,
            Tools = [AIFunctionFactory.Create((string city) => $"14 °C and rain in {city}", "get_weather", "Gets the current weather for a city.")],
        }.WithThinkingBudget(4096);   // max_tokens is raised above the budget

        ChatResponse reply = await claude.GetResponseAsync("Should I take an umbrella in Lyon? Use get_weather.", thinking);
        foreach (TextReasoningContent thought in reply.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>())
        {
            // The signature Claude needs back on the tool turn; the invocation loop sent it, unchanged, with the result.
            Console.WriteLine($"thought of {thought.Text.Length} characters, signed: {thought.ProtectedData is not null}");
        }

        Console.WriteLine(reply.Text);
        // </snippet:reasoning-claude-tools>
    }
}
