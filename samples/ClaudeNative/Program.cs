// Claude's native Messages format through IChatClient: extended thinking (signed, and echoed back on the tool turn),
// a tool call, prompt caching. Without NEXLLM_API_KEY it runs offline against the local NexLLM emulator.
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Samples;

await using SampleGateway gateway = await SampleGateway.StartAsync();
NexLLMClient nexllm = gateway.Client;
string model = SampleGateway.Model("NEXLLM_CLAUDE_MODEL", "claude-sonnet-4-5");
IChatClient claude = nexllm.GetChatClient(model, NexLLMChatProtocol.ClaudeMessages)
    .AsBuilder()
    .UseFunctionInvocation()
    .Build();

AIFunction getWeather = AIFunctionFactory.Create(
    (string city) =>
    {
        Console.WriteLine($"\n  (tool) get_weather(city: {city})");
        return $"14 °C and light rain in {city}";
    },
    "get_weather",
    "Gets the current weather for a city.");

// Medium reasoning effort asks Claude for extended thinking with an 8,192-token budget; the system prompt and the
// tools are marked for prompt caching, so the next turn reads them from the cache.
ChatOptions options = new ChatOptions
{
    Instructions = "You are a concise travel assistant.",
    Tools = [getWeather],
    Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium },
}
.WithClaudeSystemCaching()
.WithClaudeToolCaching();

Console.WriteLine($"\n> Asking {model} (thinking shown in brackets):");
bool thinking = false;
var updates = new List<ChatResponseUpdate>();
await foreach (ChatResponseUpdate update in claude.GetStreamingResponseAsync(
    "Should I pack an umbrella for Lyon today? Check the weather with the get_weather tool.", options))
{
    updates.Add(update);
    foreach (AIContent content in update.Contents)
    {
        switch (content)
        {
            case TextReasoningContent { Text.Length: > 0 } reasoning:
                Console.Write(thinking ? reasoning.Text : "[" + reasoning.Text);
                thinking = true;
                break;
            case FunctionCallContent when thinking:
                Console.Write("]");
                thinking = false;
                break;
            case TextContent { Text.Length: > 0 } text:
                Console.Write(thinking ? "]\n" + text.Text : text.Text);
                thinking = false;
                break;
        }
    }
}

ChatResponse response = updates.ToChatResponse();
int signed = response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Count(r => r.ProtectedData is not null);
Console.WriteLine($"\n\n  ({signed} signed thinking block(s) were sent back with the tool result, unchanged; finish reason: {response.FinishReason})");
if (response.Usage is { } usage)
{
    Console.WriteLine($"  (usage) {usage.InputTokenCount} input tokens ({usage.CachedInputTokenCount ?? 0} from cache), {usage.OutputTokenCount} output tokens");
}
