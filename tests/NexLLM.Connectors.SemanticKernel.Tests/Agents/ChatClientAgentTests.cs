using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

namespace NexLLM.Connectors.SemanticKernel.Tests.Agents;

/// <summary>
/// Microsoft Agent Framework: a <see cref="ChatClientAgent"/> on NexLLM runs a multi-turn conversation whose tools are
/// really invoked, and its session keeps the whole history (tool calls and results included) across turns.
/// </summary>
public sealed class ChatClientAgentTests : EmulatorKernelTest
{
    [Theory]
    [InlineData(NexLLMChatProtocol.ChatCompletions)]
    [InlineData(NexLLMChatProtocol.ClaudeMessages)]
    [InlineData(NexLLMChatProtocol.GeminiGenerateContent)]
    public async Task A_multi_turn_conversation_calls_tools_and_keeps_its_history(NexLLMChatProtocol protocol)
    {
        var cities = new List<string>();
        AIFunction weather = AIFunctionFactory.Create(
            (string city) =>
            {
                cities.Add(city);
                return $"18 degrees and sunny in {city}";
            },
            "get_weather",
            "Gets the current weather for a city.");
        using var nexllm = new NexLLMClient(new NexLLMClientOptions { Endpoint = Emulator.Endpoint, ApiKey = Emulator.ApiKey });
        ChatClientAgent agent = nexllm.GetChatClient(ModelFor(protocol), protocol)
            .AsAIAgent(instructions: "You are a travel assistant.", name: "travel", tools: [weather]);
        AgentSession session = await agent.CreateSessionAsync(Ct);

        AgentResponse first = await agent.RunAsync("What is the weather in Paris?", session, cancellationToken: Ct);
        AgentResponse second = await agent.RunAsync("And what is the weather in London?", session, cancellationToken: Ct);
        AgentResponse third = await agent.RunAsync("Thanks! That is all.", session, cancellationToken: Ct);

        Assert.Equal(["Paris", "London"], cities);
        Assert.Contains("18 degrees and sunny in Paris", first.Text, StringComparison.Ordinal);
        Assert.Contains("18 degrees and sunny in London", second.Text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(third.Text));

        // Two requests per tool turn (the call, then the answer) and one for the last turn; the last one carries everything.
        var requests = ChatRequests(protocol);
        Assert.Equal(5, requests.Count);
        string last = requests[^1].BodyText;
        Assert.Contains("You are a travel assistant.", last, StringComparison.Ordinal);
        Assert.Contains("What is the weather in Paris?", last, StringComparison.Ordinal);
        Assert.Contains("18 degrees and sunny in Paris", last, StringComparison.Ordinal);
        Assert.Contains("And what is the weather in London?", last, StringComparison.Ordinal);
        Assert.Contains("18 degrees and sunny in London", last, StringComparison.Ordinal);
        Assert.Contains("Thanks! That is all.", last, StringComparison.Ordinal);
        Assert.Equal(2, ToolCallsIn(requests[^1].ParseJson(), protocol));
    }

    [Fact]
    public async Task An_agent_on_a_keyed_client_from_the_container_streams_its_answer()
    {
        ServiceCollection services = EmulatorServices();
        services.AddKeyedNexLLMChatClient("claude", "claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages);
        await using ServiceProvider provider = services.BuildServiceProvider();
        AIFunction time = AIFunctionFactory.Create(() => "12:00", "get_time", "Gets the current time.");
        ChatClientAgent agent = provider.GetRequiredKeyedService<IChatClient>("claude")
            .AsAIAgent(instructions: "Answer briefly.", tools: [time], services: provider);
        AgentSession session = await agent.CreateSessionAsync(Ct);
        var text = new System.Text.StringBuilder();

        await foreach (AgentResponseUpdate update in agent.RunStreamingAsync("What is the current time? Use get_time.", session, cancellationToken: Ct))
        {
            text.Append(update.Text);
        }

        Assert.Contains("12:00", text.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, ChatRequests(NexLLMChatProtocol.ClaudeMessages).Count);
    }

    /// <summary>How many tool calls the history sent in a request holds, in the protocol's own shape.</summary>
    private static int ToolCallsIn(JsonElement body, NexLLMChatProtocol protocol)
    {
        int count = 0;
        string messages = protocol == NexLLMChatProtocol.GeminiGenerateContent ? "contents" : "messages";
        foreach (JsonElement message in body.GetProperty(messages).EnumerateArray())
        {
            count += protocol switch
            {
                NexLLMChatProtocol.ChatCompletions => message.TryGetProperty("tool_calls", out JsonElement calls) ? calls.GetArrayLength() : 0,
                NexLLMChatProtocol.ClaudeMessages => Blocks(message, "content").Count(b => b.GetProperty("type").GetString() == "tool_use"),
                _ => Blocks(message, "parts").Count(p => p.TryGetProperty("functionCall", out _)),
            };
        }

        return count;

        static IEnumerable<JsonElement> Blocks(JsonElement message, string name) =>
            message.TryGetProperty(name, out JsonElement blocks) && blocks.ValueKind == JsonValueKind.Array ? blocks.EnumerateArray() : [];
    }
}
