using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Emulator;

namespace ReadmeSnippets;

/// <summary>docs/guides/agents.md, on the client of the README's "Use it" (the emulator's).</summary>
internal static class AgentSnippets
{
    /// <summary>Runs the two-turn conversation; returns what the emulator received.</summary>
    public static async Task<IReadOnlyList<EmulatorRequest>> TravelAgentOnTheEmulatorAsync()
    {
        // <snippet:client-emulator>
        await using var emulator = await NexLLMEmulator.StartAsync();
        using var nexllm = new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey });
        // </snippet:client-emulator>

        // <snippet:agent>
        AIFunction getWeather = AIFunctionFactory.Create((string city) => $"18 °C in {city}", "get_weather", "Current weather for a city.");
        ChatClientAgent agent = nexllm.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages)
            .AsAIAgent(instructions: "You are a travel assistant.", tools: [getWeather]);
        AgentSession session = await agent.CreateSessionAsync();
        Console.WriteLine(await agent.RunAsync("What is the weather in Paris?", session));
        Console.WriteLine(await agent.RunAsync("And what is the weather in Rome?", session));   // the session keeps the history
        // </snippet:agent>

        return emulator.Requests;
    }
}
