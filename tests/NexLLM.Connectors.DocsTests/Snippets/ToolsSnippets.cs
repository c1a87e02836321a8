using System.ComponentModel;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>docs/guides/tools.md, on the client of the README's "Use it" (in the tests, the emulator's).</summary>
internal static class ToolsSnippets
{
    /// <summary>Tools called by M.E.AI's function invocation, then one call answered by hand.</summary>
    public static async Task ToolsAsync(NexLLMClient nexllm)
    {
        // <snippet:tools-invocation>
        IChatClient chat = nexllm.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages)
            .AsBuilder()
            .UseFunctionInvocation()   // calls the functions the model asks for and sends their results back
            .Build();

        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] };
        ChatResponse response = await chat.GetResponseAsync("What is the weather in Paris and in Rome?", options);

        Console.WriteLine(response.Text);
        foreach (FunctionCallContent call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            Console.WriteLine($"called {call.Name}({string.Join(", ", call.Arguments!.Values)}), id {call.CallId}");
        }

        [Description("Gets the current weather for a city.")]
        static string GetWeather([Description("The city, for example Paris.")] string city) => $"18 °C in {city}";
        // </snippet:tools-invocation>

        // <snippet:tools-by-hand>
        IChatClient plain = nexllm.GetChatClient("gpt-4o-mini");
        AIFunction weather = AIFunctionFactory.Create((string city) => $"21 °C in {city}", "get_weather", "Gets the current weather for a city.");
        List<ChatMessage> messages = [new(ChatRole.User, "What is the weather in Lisbon?")];

        ChatResponse asked = await plain.GetResponseAsync(messages, new() { Tools = [weather], ToolMode = ChatToolMode.RequireAny });
        messages.AddMessages(asked);   // the assistant's tool calls go back in the history, then one result per call
        foreach (FunctionCallContent call in asked.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            object? result = await weather.InvokeAsync(new AIFunctionArguments(call.Arguments));
            messages.Add(new(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        }

        ChatResponse answer = await plain.GetResponseAsync(messages, new() { Tools = [weather] });
        Console.WriteLine($"{asked.FinishReason} then {answer.FinishReason}: {answer.Text}");
        // </snippet:tools-by-hand>
    }
}
