using Microsoft.Extensions.AI;

namespace ReadmeSnippets;

/// <summary>docs/guides/realtime.md, on the client of the README's "Use it" (in the tests, the emulator's). Its block needs no NexLLM using, so neither does this file.</summary>
internal static class RealtimeSnippets
{
    /// <summary>A text turn with one tool call over a realtime session.</summary>
    public static async Task TextTurnWithToolAsync(NexLLM.Connectors.NexLLMClient nexllm)
    {
        // <snippet:realtime>
        IRealtimeClient realtime = nexllm.GetRealtimeClient("gpt-4o-realtime-preview")
            .AsBuilder()
            .UseFunctionInvocation()   // answers tool calls and asks for the rest of the response
            .Build();
        AIFunction weather = AIFunctionFactory.Create((string city) => $"18 °C in {city}", "get_weather", "Gets the current weather for a city.");

        await using IRealtimeClientSession session = await realtime.CreateSessionAsync(new RealtimeSessionOptions
        {
            Instructions = "You are a concise assistant.",
            OutputModalities = ["text"],
            Tools = [weather],
        });

        var question = new RealtimeConversationItem([new TextContent("What is the weather in Paris? Use get_weather.")], role: ChatRole.User);
        await session.SendAsync(new CreateConversationItemRealtimeClientMessage(question));
        await session.SendAsync(new CreateResponseRealtimeClientMessage());

        // One turn with a tool call is two responses: the one that asks for the call, then the one with its result.
        await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync())
        {
            if (message is OutputTextAudioRealtimeServerMessage { Text: { } text } && message.Type == RealtimeServerMessageType.OutputTextDelta)
            {
                Console.Write(text);
            }
            else if (message is ResponseCreatedRealtimeServerMessage done && message.Type == RealtimeServerMessageType.ResponseDone)
            {
                Console.WriteLine($" [{done.Status}, {done.Usage?.OutputTokenCount} output tokens]");
                if (done.Items?.Any(item => item.Contents.OfType<FunctionCallContent>().Any()) != true)
                {
                    break;   // the turn is over
                }
            }
        }
        // </snippet:realtime>
    }
}
