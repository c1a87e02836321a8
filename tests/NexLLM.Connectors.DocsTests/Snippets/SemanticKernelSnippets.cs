using System.ComponentModel;
using Microsoft.SemanticKernel;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>
/// docs/guides/semantic-kernel.md. Compiled, not run: its client is the real gateway's. The same registrations and settings
/// run against the emulator in the Semantic Kernel tests (ServiceSelectionTests), which also pin how SK picks a service.
/// </summary>
internal static class SemanticKernelSnippets
{
    public static async Task KernelOnTheGatewayAsync()
    {
        // <snippet:semantic-kernel>
        string apiKey = Environment.GetEnvironmentVariable("NEXLLM_API_KEY")!;
        Kernel kernel = Kernel.CreateBuilder()
            .AddNexLLMClient(o => o.ApiKey = apiKey)
            .AddNexLLMChatClient("gpt-4o-mini", serviceId: "gpt")          // IChatClient with SK's function invocation
            .AddNexLLMChatCompletion("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages, serviceId: "claude")
            .AddNexLLMEmbeddingGenerator("text-embedding-3-small")
            .Build();
        kernel.Plugins.AddFromType<WeatherPlugin>();

        // ServiceId picks the chat service; without it SK would take the Claude chat completion service (see below).
        var settings = new PromptExecutionSettings { ServiceId = "gpt", FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        Console.WriteLine(await kernel.InvokePromptAsync("What is the weather in Paris?", new(settings)));
        // </snippet:semantic-kernel>
    }
}

// <snippet:weather-plugin>
public sealed class WeatherPlugin
{
    [KernelFunction("get_weather"), Description("Gets the current weather for a city.")]
    public static string GetWeather([Description("The city, for example Paris.")] string city) => $"18 °C in {city}";
}
// </snippet:weather-plugin>
