using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Emulator;

// Outside the NexLLM.Connectors namespace, so that a snippet's "using NexLLM.Connectors;" is needed here as in a program.
namespace ReadmeSnippets;

/// <summary>README.md, "Use it": a client on the gateway or on the emulator, then a streamed answer and a tool call.</summary>
internal static class UseItSnippets
{
    /// <summary>Compiled, not run: it needs a real key.</summary>
    public static void ClientOnTheGateway()
    {
        // <snippet:client-gateway>
        string apiKey = Environment.GetEnvironmentVariable("NEXLLM_API_KEY")!;
        using var nexllm = new NexLLMClient(apiKey);
        // </snippet:client-gateway>
    }

    /// <summary>The client on the emulator, then "Use it"; returns what the emulator received.</summary>
    public static async Task<IReadOnlyList<EmulatorRequest>> UseItOnTheEmulatorAsync()
    {
        // <snippet:client-emulator>
        await using var emulator = await NexLLMEmulator.StartAsync();
        using var nexllm = new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey });
        // </snippet:client-emulator>

        // <snippet:use-it>
        IChatClient chat = nexllm.GetChatClient("gpt-4o-mini")
            .AsBuilder()
            .UseFunctionInvocation()
            .Build();

        await foreach (var update in chat.GetStreamingResponseAsync("Tell me a joke about gateways."))
        {
            Console.Write(update.Text);
        }

        Console.WriteLine();   // the stream ends its line

        var weather = AIFunctionFactory.Create((string city) => $"18 °C in {city}", "get_weather", "Current weather for a city.");
        ChatResponse answer = await chat.GetResponseAsync("Weather in Paris?", new() { Tools = [weather] });
        Console.WriteLine(answer.Text);
        // </snippet:use-it>

        return emulator.Requests;
    }
}
