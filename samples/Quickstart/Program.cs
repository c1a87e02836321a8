// Quickstart: stream an answer, then let the model call a .NET function, all through Microsoft.Extensions.AI.
// Without NEXLLM_API_KEY it runs offline against the local NexLLM emulator.
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Samples;

await using SampleGateway gateway = await SampleGateway.StartAsync();
NexLLMClient nexllm = gateway.Client;
string model = SampleGateway.Model("NEXLLM_MODEL", "gpt-4o-mini");
IChatClient chat = nexllm.GetChatClient(model)
    .AsBuilder()
    .UseFunctionInvocation()
    .Build();

// 1. Stream an answer as it is generated.
Console.WriteLine($"\n> Streaming from {model}:");
await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("In two sentences: what does an LLM gateway do?"))
{
    Console.Write(update.Text);
}

Console.WriteLine();

// 2. One tool-calling turn: the model asks for get_weather, UseFunctionInvocation runs it and sends the result back.
AIFunction getWeather = AIFunctionFactory.Create(
    (string city) =>
    {
        Console.WriteLine($"  (tool) get_weather(city: {city})");
        return $"18 °C and sunny in {city}";
    },
    "get_weather",
    "Gets the current weather for a city.");

Console.WriteLine("\n> Asking a question that needs a tool:");
ChatResponse response = await chat.GetResponseAsync(
    "What is the weather in Paris right now? Use the get_weather tool.",
    new ChatOptions { Tools = [getWeather] });
Console.WriteLine(response.Text);
if (response.Usage is { } usage)
{
    Console.WriteLine($"  (usage) {usage.InputTokenCount} input tokens, {usage.OutputTokenCount} output tokens");
}
