using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Emulator;

namespace ReadmeSnippets;

/// <summary>src/NexLLM.Connectors.Emulator/README.md: "Start it", then "Scripting (in-process)" on that emulator.</summary>
internal static class EmulatorSnippets
{
    /// <summary>Runs both blocks; returns the scripted answer, the request read back, its body and what is left recorded.</summary>
    public static async Task<(ChatResponse Hello, EmulatorRequest Last, JsonElement Body, int RequestsAfterClear)> StartAndScriptAsync()
    {
        // <snippet:emulator-start>
        await using var emulator = await NexLLMEmulator.StartAsync();   // 127.0.0.1, free port, no console output
        Console.WriteLine(emulator.Endpoint);   // http://127.0.0.1:54321/v1  -> a client's base URL
        Console.WriteLine(emulator.ApiKey);     // sk-nexllmemulator0local
        // </snippet:emulator-start>

        // <snippet:emulator-scripting>
        using var nexllm = new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey });
        IChatClient chat = nexllm.GetChatClient("gpt-4o-mini");

        // An exact reply for the next valid chat request: nothing is cut or added.
        emulator.Enqueue(EmulatorReply.FromText("Hello!") with { Reasoning = "The user greets me.", FinishReason = "length" });
        ChatResponse hello = await chat.GetResponseAsync("Hi!");   // "Hello!", finish reason Length

        // What arrived (including rejected requests).
        EmulatorRequest last = emulator.Requests[^1];
        JsonElement body = last.ParseJson();   // last.Method, Path, QueryString, Headers["authorization"], Body, BodyText
        emulator.ClearRequests();

        // More replies and faults join the queue behind it, each taken in turn (see the queue rules below).
        emulator.Enqueue(EmulatorReply.FromToolCalls(
            new EmulatorToolCall("get_weather", """{"city":"Paris"}"""),
            new EmulatorToolCall("get_time", "", Id: "call_1")));
        emulator.Enqueue(EmulatorReply.FromText("Hi") with { Usage = new EmulatorUsage { PromptTokens = 1200, CachedTokens = 1024 } });
        emulator.Enqueue(EmulatorReply.FromText("Done.") with { Reasoning = "Think.", RedactedReasoning = "EmVkYWN0ZWQ=" }); // Claude: signed thinking + redacted_thinking
        emulator.Enqueue(new EmulatorReply { BlockReason = "SAFETY" });                  // Gemini: a prompt block, no candidates

        // A fault for an API request (any route), or for N of them with WithTimes.
        emulator.Enqueue(EmulatorFault.Status(429, headers: new Dictionary<string, string> { ["Retry-After"] = "2" }));
        emulator.Enqueue(EmulatorFault.Status(429));                                    // empty body, like new-api's IP limiter
        emulator.Enqueue(EmulatorFault.OpenAIError(500, "field messages is required", "new_api_error", "invalid_request"));
        emulator.Enqueue(EmulatorFault.GatewayError(503, "No available channel for model x", "model_not_found"));
        emulator.Enqueue(EmulatorFault.ClaudeError(529, "overloaded_error", "Overloaded"));  // {"type":"error","error":{…}}
        emulator.Enqueue(EmulatorFault.Status(502, "<html><body>Bad Gateway</body></html>"));
        emulator.Enqueue(EmulatorFault.Status(503).WithTimes(3));
        emulator.Enqueue(EmulatorFault.Delay(TimeSpan.FromSeconds(2)));
        emulator.Enqueue(EmulatorFault.StreamError(2));                                 // data: {"error":…} after 2 events (event: error on /v1/messages)
        emulator.Enqueue(EmulatorFault.RawStreamError(2));                              // raw JSON, no "data:", in the route's error shape
        emulator.Enqueue(EmulatorFault.Failed(3));                                      // /v1/responses: response.failed after 3 events (elsewhere as StreamError)
        emulator.Enqueue(EmulatorFault.Truncate(3));                                    // clean end, no finish_reason, no [DONE]
        emulator.Enqueue(EmulatorFault.Failover(2));                                    // a second answer, new id, after 2 events
        emulator.Enqueue(EmulatorFault.Reset(3));                                       // connection aborted
        emulator.Enqueue(EmulatorFault.Stall(1, TimeSpan.FromSeconds(30)));             // silence (no pings), then abort
        emulator.Enqueue(EmulatorFault.MalformedChunk(2));                              // data: {not json, then the rest
        emulator.Enqueue(EmulatorFault.Raw(200, "text/html", "<html>oops</html>"u8.ToArray()));
        emulator.Enqueue(EmulatorFault.Redirect("https://elsewhere.example/v1/chat/completions", 307));

        // A scripted reply played out with a stream fault (or a delay).
        emulator.Enqueue(EmulatorReply.FromText("one two three four five six"), EmulatorFault.Truncate(2));
        // </snippet:emulator-scripting>

        return (hello, last, body, emulator.Requests.Count);
    }
}
