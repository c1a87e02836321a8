// Gemini's native generateContent format through IChatClient: thinking, a tool call whose thought signature goes back
// with the result, safety settings and ratings. Without NEXLLM_API_KEY it runs offline against the local NexLLM emulator.
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Samples;

await using SampleGateway gateway = await SampleGateway.StartAsync();
NexLLMClient nexllm = gateway.Client;
string model = SampleGateway.Model("NEXLLM_GEMINI_MODEL", "gemini-2.5-flash");

// The Gemini routes live under /v1beta at the host root; the key travels in x-goog-api-key, never in the URL.
IChatClient gemini = nexllm.GetChatClient(model, NexLLMChatProtocol.GeminiGenerateContent)
    .AsBuilder()
    .UseFunctionInvocation()
    .Build();

AIFunction getWeather = AIFunctionFactory.Create(
    (string city) =>
    {
        Console.WriteLine($"\n  (tool) get_weather(city: {city})");
        return new { city, temperatureCelsius = 21, sky = "clear" };
    },
    "get_weather",
    "Gets the current weather for a city.");

ChatOptions options = new ChatOptions
{
    Tools = [getWeather],
    Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low },
}
.WithGeminiSafetySettings(new NexLLMGeminiSafetySetting("HARM_CATEGORY_DANGEROUS_CONTENT", "BLOCK_ONLY_HIGH"));

Console.WriteLine($"\n> Asking {model} (thoughts shown in brackets):");
var updates = new List<ChatResponseUpdate>();
bool thinking = false;
await foreach (ChatResponseUpdate update in gemini.GetStreamingResponseAsync(
    "Is it a good evening for a picnic in Lisbon? Use the get_weather tool.", options))
{
    updates.Add(update);
    foreach (AIContent content in update.Contents)
    {
        switch (content)
        {
            case TextReasoningContent { Text.Length: > 0 } thought:
                Console.Write(thinking ? thought.Text : "[" + thought.Text);
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
FunctionCallContent? call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault();
Console.WriteLine();
if (call?.AdditionalProperties?.TryGetValue("nexllm.gemini.thought_signature", out object? signature) is true)
{
    Console.WriteLine($"\n  (the call to {call.Name} carried a thought signature of {signature?.ToString()?.Length} characters; it went back unchanged with the result)");
}

Console.WriteLine($"  (finish reason: {response.FinishReason}; usage: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out of which {response.Usage?.ReasoningTokenCount ?? 0} thinking)");
