// Realtime: a text conversation over the realtime WebSocket through Microsoft.Extensions.AI's IRealtimeClient, with one
// tool that M.E.AI's function-invoking decorator calls when the model asks for it. Without NEXLLM_API_KEY it runs
// offline against the local NexLLM emulator, which speaks the same event protocol as the gateway.
using System.ComponentModel;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Samples;

await using SampleGateway gateway = await SampleGateway.StartAsync();
string model = SampleGateway.Model("NEXLLM_REALTIME_MODEL", "gpt-4o-realtime-preview");

// The function-invoking decorator answers tool calls itself and asks for the rest of the response.
IRealtimeClient realtime = gateway.Client.GetRealtimeClient(model).AsBuilder().UseFunctionInvocation().Build();
AIFunction weather = AIFunctionFactory.Create(GetWeather, "get_weather");

Console.WriteLine($"\n> Connecting to {model}");
await using IRealtimeClientSession session = await realtime.CreateSessionAsync(new RealtimeSessionOptions
{
    Instructions = "You are a concise assistant.",
    OutputModalities = ["text"],
    Tools = [weather],
});

foreach (string question in (string[])["What is the weather in Paris? Use the get_weather tool.", "Thanks. Describe a lighthouse in one sentence."])
{
    Console.WriteLine($"\n> {question}");
    await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent(question)], role: ChatRole.User)));
    await session.SendAsync(new CreateResponseRealtimeClientMessage());
    await ReadTurnAsync(session);
}

// Reads one turn: streamed text as it arrives, and the usage of each response. A turn with a tool call is two responses:
// the one that asks for the call, then the one the decorator requests with the call's result.
static async Task ReadTurnAsync(IRealtimeClientSession session)
{
    await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync())
    {
        switch (message)
        {
            case OutputTextAudioRealtimeServerMessage { Text: { } text } when message.Type == RealtimeServerMessageType.OutputTextDelta:
                Console.Write(text);
                break;
            case ErrorRealtimeServerMessage error:
                Console.WriteLine($"\n  (error) {error.Error?.Message}");
                break;
            case ResponseCreatedRealtimeServerMessage done when message.Type == RealtimeServerMessageType.ResponseDone:
                Console.WriteLine($"\n  (response {done.Status}: {done.Usage?.InputTokenCount} input, {done.Usage?.OutputTokenCount} output tokens)");
                if (done.Items?.Any(static item => item.Contents.OfType<FunctionCallContent>().Any()) != true)
                {
                    return;
                }

                break;
        }
    }
}

[Description("Gets the current weather in a city.")]
static string GetWeather([Description("The city.")] string city)
{
    Console.WriteLine($"  (tool) get_weather(\"{city}\")");
    return $"18 degrees and sunny in {city}";
}
