using System.Net;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Rerank;

namespace NexLLM.Connectors.IntegrationTests.Responses;

/// <summary>This part: the event stream of <c>/v1/responses</c> and the stream faults on it.</summary>
public sealed partial class ResponsesEmulatorTests
{
    // Scripted arguments travel verbatim, escapes included (the fragments are cut inside the escape too).
    private const string ZurichArguments = """{"city":"Z\u00fcrich"}""";

    private const string Streamed = """{"model":"gpt-4o-mini","input":"Explain streaming in two sentences.","stream":true}""";

    [Fact]
    public async Task Stream_IsNamedEvents_NumberedFromZero_WithoutDone_AndAddsUpToTheCompletedResponse()
    {
        var (_, contentType, text) = await StreamAsync(Streamed);

        Assert.Equal("text/event-stream", contentType);
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
        var events = ParseEvents(text);
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Data.GetProperty("sequence_number").GetInt32()));

        Assert.Equal(["response.created", "response.in_progress"], events.Take(2).Select(e => e.Name));
        Assert.All(events.Take(2), e =>
        {
            JsonElement response = e.Data.GetProperty("response");
            Assert.Equal("in_progress", response.GetProperty("status").GetString());
            Assert.Equal(0, response.GetProperty("output").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, response.GetProperty("usage").ValueKind);
        });

        // Only the terminal event carries usage; its response is the one every event named.
        JsonElement completed = events[^1].Data.GetProperty("response");
        Assert.Equal("response.completed", events[^1].Name);
        Assert.Equal(events[0].Data.GetProperty("response").GetProperty("id").GetString(), completed.GetProperty("id").GetString());
        Assert.True(completed.GetProperty("usage").GetProperty("output_tokens").GetInt32() > 0);
        Assert.Single(events, e => e.Data.GetRawText().Contains("\"usage\":{", StringComparison.Ordinal));

        string[] deltas = [.. events.Where(e => e.Name == "response.output_text.delta").Select(e => e.Data.GetProperty("delta").GetString()!)];
        Assert.True(deltas.Length > 3, "text comes in small pieces");
        Assert.Equal(OutputText(completed), string.Concat(deltas));
        JsonElement lastDelta = events.Last(e => e.Name == "response.output_text.delta").Data;
        Assert.Equal(["type", "sequence_number", "item_id", "output_index", "content_index", "delta", "logprobs"], lastDelta.EnumerateObject().Select(p => p.Name));
        Assert.Equal(OutputText(completed), events.Single(e => e.Name == "response.output_text.done").Data.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Stream_EventOrder_ForReasoningAMessageAndAFunctionCall()
    {
        Emulator.Enqueue(EmulatorReply.FromToolCalls(new EmulatorToolCall("get_weather", ZurichArguments)) with
        {
            Reasoning = "The user wants the weather, so I call the tool.",
            Text = "Let me check that for you.",
        });

        var (_, _, text) = await StreamAsync($$"""{"model":"o4-mini","input":"Weather in Zürich?","reasoning":{"summary":"auto"},"tools":[{{WeatherTool}}],"stream":true}""");

        var events = ParseEvents(text);
        Assert.Equal(
            ["response.created", "response.in_progress",
             "response.output_item.added", "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
             "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
             "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.done",
             "response.content_part.done", "response.output_item.done",
             "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.output_item.done",
             "response.completed"],
            events.Select(e => e.Name).Where((name, i) => i == 0 || name != events[i - 1].Name));

        JsonElement[] added = [.. events.Where(e => e.Name == "response.output_item.added").Select(e => e.Data)];
        Assert.Equal([0, 1, 2], added.Select(e => e.GetProperty("output_index").GetInt32()));
        Assert.Equal(["id", "type", "status", "arguments", "call_id", "name"], added[2].GetProperty("item").EnumerateObject().Select(p => p.Name));
        Assert.Equal("in_progress", added[1].GetProperty("item").GetProperty("status").GetString());
        Assert.Equal("", added[2].GetProperty("item").GetProperty("arguments").GetString());

        string fcId = added[2].GetProperty("item").GetProperty("id").GetString()!;
        JsonElement[] fragments = [.. events.Where(e => e.Name == "response.function_call_arguments.delta").Select(e => e.Data)];
        Assert.True(fragments.Length > 2, "arguments come in fragments");
        Assert.All(fragments, f => Assert.Equal(fcId, f.GetProperty("item_id").GetString()));
        Assert.Equal(ZurichArguments, string.Concat(fragments.Select(f => f.GetProperty("delta").GetString())));
        Assert.Equal("get_weather", events.Single(e => e.Name == "response.function_call_arguments.done").Data.GetProperty("name").GetString());

        Assert.Equal(
            "The user wants the weather, so I call the tool.",
            string.Concat(events.Where(e => e.Name == "response.reasoning_summary_text.delta").Select(e => e.Data.GetProperty("delta").GetString())));
        JsonElement completed = events[^1].Data.GetProperty("response");
        Assert.Equal(["reasoning", "message", "function_call"], completed.GetProperty("output").EnumerateArray().Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(
            completed.GetProperty("output").EnumerateArray().Select(i => i.GetRawText()),
            events.Where(e => e.Name == "response.output_item.done").Select(e => e.Data.GetProperty("item").GetRawText()));
    }

    [Fact]
    public async Task StreamedRefusal_HasRefusalEvents()
    {
        Emulator.Enqueue(new EmulatorReply { Refusal = "I can't help with that request, sorry." });

        var events = ParseEvents((await StreamAsync(Streamed)).Text);

        Assert.Equal("""{"type":"refusal","refusal":""}""", events.Single(e => e.Name == "response.content_part.added").Data.GetProperty("part").GetRawText());
        Assert.Equal("I can't help with that request, sorry.", string.Concat(events.Where(e => e.Name == "response.refusal.delta").Select(e => e.Data.GetProperty("delta").GetString())));
        Assert.Equal("I can't help with that request, sorry.", events.Single(e => e.Name == "response.refusal.done").Data.GetProperty("refusal").GetString());
        Assert.DoesNotContain(events, e => e.Name.StartsWith("response.output_text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamedLengthFinish_EndsWithResponseIncomplete()
    {
        Emulator.Enqueue(EmulatorReply.FromText("Cut short") with { FinishReason = "length" });

        var events = ParseEvents((await StreamAsync(Streamed)).Text);

        Assert.Equal("response.incomplete", events[^1].Name);
        JsonElement response = events[^1].Data.GetProperty("response");
        Assert.Equal("incomplete", response.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", response.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal("incomplete", events.Single(e => e.Name == "response.output_item.done").Data.GetProperty("item").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(1000, 2)]
    public async Task FailedFault_Streamed_EndsWithResponseFailed_HoldingTheItemsDoneBeforeIt(int after, int itemsDone)
    {
        Emulator.Enqueue(
            EmulatorReply.FromToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""")) with { Text = "Checking." },
            EmulatorFault.Failed(after));

        var events = ParseEvents((await StreamAsync(Streamed)).Text);

        Assert.Equal("response.failed", events[^1].Name);
        Assert.Equal(Math.Min(after, events.Count - 1), events[^1].Data.GetProperty("sequence_number").GetInt32());
        JsonElement response = events[^1].Data.GetProperty("response");
        Assert.Equal("failed", response.GetProperty("status").GetString());
        Assert.Equal("""{"code":"server_error","message":"The server had an error while processing your request. Sorry about that!"}""", response.GetProperty("error").GetRawText());
        Assert.Equal(itemsDone, response.GetProperty("output").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("usage").ValueKind);
    }

    [Fact]
    public async Task FaultHeader_Failed_TakesACodeAndAMessage()
    {
        var events = ParseEvents((await StreamAsync(Streamed, "failed=after:2; code=rate_limit_exceeded; message=Slow down")).Text);

        Assert.Equal(["response.created", "response.in_progress", "response.failed"], events.Select(e => e.Name));
        Assert.Equal("""{"code":"rate_limit_exceeded","message":"Slow down"}""", events[^1].Data.GetProperty("response").GetProperty("error").GetRawText());
    }

    [Fact]
    public async Task FailedFault_OnChatCompletions_IsTheInStreamError()
    {
        Emulator.Enqueue(EmulatorFault.Failed(2, "Slow down.", "rate_limit_exceeded"));

        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"error":{"message":"Slow down.","type":"server_error","param":null,"code":"rate_limit_exceeded"}}""", body.GetRawText());
    }

    [Fact]
    public async Task FaultHeader_Failed_TakesNoType()
    {
        var (status, _, text) = await StreamAsync(Streamed, "failed=after:2; type=x");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        JsonElement body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("invalid_fault_header", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("the fault 'failed' has no parameter 'type' (allowed: message, code, times, id)", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamErrorFault_IsAnErrorEvent_NumberedInSequence()
    {
        var (_, _, text) = await StreamAsync(Streamed, "stream-error=after:4; code=overloaded; message=Try later");

        var events = ParseEvents(text);
        Assert.Equal(5, events.Count);
        Assert.Equal("error", events[^1].Name);
        Assert.Equal("""{"type":"error","code":"overloaded","message":"Try later","param":null,"sequence_number":4}""", events[^1].Data.GetRawText());
    }

    [Fact]
    public async Task TruncateFault_EndsTheStreamBeforeTheTerminalEvent()
    {
        Emulator.Enqueue(EmulatorReply.FromText("one two three four five six seven eight nine"), EmulatorFault.Truncate(1000));

        var events = ParseEvents((await StreamAsync(Streamed)).Text);

        Assert.Equal("response.output_item.done", events[^1].Name);
        Assert.DoesNotContain(events, e => e.Name is "response.completed" or "response.incomplete" or "response.failed");
    }

    [Fact]
    public async Task FailoverFault_StartsASecondResponse_NumberedFromZeroAgain()
    {
        Emulator.Enqueue(EmulatorFault.Failover(3));

        var events = ParseEvents((await StreamAsync(Streamed)).Text);

        var created = events.Where(e => e.Name == "response.created").Select(e => e.Data).ToList();
        Assert.Equal(2, created.Count);
        Assert.NotEqual(created[0].GetProperty("response").GetProperty("id").GetString(), created[1].GetProperty("response").GetProperty("id").GetString());
        Assert.Equal(0, created[1].GetProperty("sequence_number").GetInt32());
        Assert.Equal("response.completed", events[^1].Name);
    }

    private async Task<(HttpStatusCode Status, string? ContentType, string Text)> StreamAsync(string json, string? faultHeader = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.BaseAddress, Path.TrimStart('/'))) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Authorization", "Bearer " + Emulator.ApiKey);
        if (faultHeader is not null)
        {
            request.Headers.Add("X-NexLLM-Emulator-Fault", faultHeader);
        }

        using HttpResponseMessage response = await http.SendAsync(request, TestCancellation);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(TestCancellation));
    }

    // new-api's framing: "event: <type>\ndata: <json>\n\n", nothing else.
    private static List<(string Name, JsonElement Data)> ParseEvents(string text)
    {
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var events = new List<(string, JsonElement)>();
        foreach (string frame in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string[] lines = frame.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            events.Add((lines[0]["event: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement.Clone()));
        }

        return events;
    }
}
