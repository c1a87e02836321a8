using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>docs/guides/chat.md, on the client of the README's "Use it" (in the tests, the emulator's).</summary>
internal static class ChatSnippets
{
    /// <summary>One question on each protocol, then a streamed conversation on Gemini.</summary>
    public static async Task ChatOnEveryProtocolAsync(NexLLMClient nexllm)
    {
        // <snippet:chat-protocols>
        IChatClient[] clients =
        [
            nexllm.GetChatClient("gpt-4o-mini"),                                                 // POST /v1/chat/completions
            nexllm.GetChatClient("o4-mini", NexLLMChatProtocol.Responses),                       // POST /v1/responses
            nexllm.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages),        // POST /v1/messages
            nexllm.GetChatClient("gemini-2.5-flash", NexLLMChatProtocol.GeminiGenerateContent),  // POST /v1beta/models/gemini-2.5-flash:generateContent
            nexllm.GetChatClient("claude-haiku-4-5", NexLLMChatProtocol.Auto),                   // the model's native protocol: here /v1/messages
        ];

        foreach (IChatClient client in clients)
        {
            ChatResponse response = await client.GetResponseAsync("In one sentence: what is an LLM gateway?");
            Console.WriteLine($"{response.ModelId}: {response.FinishReason}, {response.Usage?.TotalTokenCount} tokens, {response.Text.Length} characters");
        }
        // </snippet:chat-protocols>

        // <snippet:chat-streaming>
        IChatClient gemini = nexllm.GetChatClient("gemini-2.5-flash", NexLLMChatProtocol.GeminiGenerateContent);
        List<ChatMessage> history = [new(ChatRole.System, "You are a terse geography tutor."), new(ChatRole.User, "Name a river in France.")];
        var options = new ChatOptions { MaxOutputTokens = 400, Temperature = 0.2f };

        ChatResponse first = await gemini.GetResponseAsync(history, options);
        history.AddMessages(first);
        history.Add(new(ChatRole.User, "And one in Italy?"));

        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in gemini.GetStreamingResponseAsync(history, options))
        {
            Console.Write(update.Text);   // text as it arrives
            updates.Add(update);
        }

        ChatResponse second = updates.ToChatResponse();   // the same answer, whole: text, finish reason, usage
        history.AddMessages(second);
        Console.WriteLine($"\n{history.Count} messages; request id {first.AdditionalProperties?["nexllm.request_id"]}");
        // </snippet:chat-streaming>
    }
}
