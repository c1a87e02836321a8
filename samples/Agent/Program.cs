// Microsoft Agent Framework on NexLLM: the same travel agent, with tools, on chat completions and on Claude's native
// Messages format, each holding a multi-turn conversation in its session. The chat clients come from dependency
// injection. Without NEXLLM_API_KEY it runs offline against the local NexLLM emulator.
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NexLLM.Connectors;
using NexLLM.Connectors.Samples;

await using SampleGateway gateway = await SampleGateway.StartAsync();

// In an application: services.AddNexLLMClient(configuration) instead of the sample's ready-made client.
var services = new ServiceCollection();
services.AddSingleton(gateway.Client);
services.AddKeyedNexLLMChatClient("openai", SampleGateway.Model("NEXLLM_MODEL", "gpt-4o-mini"));
services.AddKeyedNexLLMChatClient("claude", SampleGateway.Model("NEXLLM_CLAUDE_MODEL", "claude-sonnet-4-5"), NexLLMChatProtocol.ClaudeMessages);
await using ServiceProvider provider = services.BuildServiceProvider();

AIFunction[] tools =
[
    AIFunctionFactory.Create(
        (string city) =>
        {
            Console.WriteLine($"  (tool) get_weather(city: {city})");
            return $"19 °C and sunny in {city}";
        },
        "get_weather",
        "Gets the current weather for a city."),
    AIFunctionFactory.Create(
        (string city) =>
        {
            Console.WriteLine($"  (tool) get_local_time(city: {city})");
            return $"It is 14:05 in {city}";
        },
        "get_local_time",
        "Gets the local time in a city."),
];

string[] conversation =
[
    "What is the weather in Paris?",
    "And what is the local time in Tokyo?",
    "Thanks! Which cities did we talk about?",
];

foreach (string key in (string[])["openai", "claude"])
{
    IChatClient chat = provider.GetRequiredKeyedService<IChatClient>(key);
    ChatClientAgent agent = chat.AsAIAgent(
        instructions: "You are a concise travel assistant. Use the tools for weather and time.",
        name: "travel-" + key,
        tools: tools);

    // The session holds the conversation: every turn is sent with the turns before it, tool calls and results included.
    AgentSession session = await agent.CreateSessionAsync();
    Console.WriteLine($"\n=== {agent.Name} on {chat.GetService<ChatClientMetadata>()?.DefaultModelId} ===");
    foreach (string question in conversation)
    {
        Console.WriteLine($"\n> {question}");
        AgentResponse response = await agent.RunAsync(question, session);
        Console.WriteLine(response.Text);
    }
}
