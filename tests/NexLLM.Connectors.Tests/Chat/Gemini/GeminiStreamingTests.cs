using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.GeminiChunk;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// streamGenerateContent replayed from exact <c>data:</c> transcripts (docs/protocols/gemini.md "Streaming", docs/protocols/sse.md, docs/protocols/gemini.md#gotchas): partial text as
/// it comes, whole function calls at once, and one final update with the finish reason, the last chunk's usage and the
/// request id.
/// </summary>
public sealed class GeminiStreamingTests
{
    /// <summary>A Google-framed stream (CRLF, spaces after colons, cumulative usage on every chunk, no terminator).</summary>
    internal const string GoogleTranscript =
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"The sky\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 6,\"candidatesTokenCount\": 2,\"totalTokenCount\": 8,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 6}]},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Vn5TaK2bD\"}\r\n\r\n"
        + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" is blue\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 6,\"candidatesTokenCount\": 4,\"totalTokenCount\": 10},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Vn5TaK2bD\"}\r\n\r\n"
        + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \".\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 6,\"candidatesTokenCount\": 5,\"totalTokenCount\": 31,\"thoughtsTokenCount\": 20},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Vn5TaK2bD\"}\r\n\r\n";

    /// <summary>new-api's conversion of an OpenAI-channel stream (docs/protocols/gemini.md): no ids, <c>finishReason:null</c> on text, then empty parts with STOP.</summary>
    internal const string ConvertedTranscript = """
        data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]},"finishReason":null,"index":0,"safetyRatings":[]}],"promptFeedback":{"blockReason":"","safetyRatings":null},"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":0,"totalTokenCount":9,"promptTokensDetails":null}}

        data: {"candidates":[{"content":{"role":"model","parts":[{"text":" there"}]},"finishReason":null,"index":0,"safetyRatings":[]}],"promptFeedback":{"blockReason":"","safetyRatings":null},"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":0,"totalTokenCount":9,"promptTokensDetails":null}}

        data: {"candidates":[{"content":{"role":"model","parts":[]},"finishReason":"STOP","index":0,"safetyRatings":[]}],"promptFeedback":{"blockReason":"","safetyRatings":null},"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":2,"totalTokenCount":11,"promptTokensDetails":null}}


        """;

    internal static IAsyncEnumerator<ChatResponseUpdate> Open(Harness harness, ScriptedStream body)
    {
        harness.Handler.Enqueue(Reply.Sse(body).WithHeader("X-Oneapi-Request-Id", "rid-stream"));
        return harness.Gemini().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: Harness.Ct).GetAsyncEnumerator(Harness.Ct);
    }

    public sealed class Transcripts
    {
        [Fact]
        public async Task A_Google_stream_is_one_update_per_text_chunk_then_the_finish_with_the_last_usage_and_the_request_id()
        {
            List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(GoogleTranscript, requestId: "rid-1");

            Assert.Equal(
                """
                [assistant|Vn5TaK2bD|Vn5TaK2bD|gemini-2.5-flash||] text:"The sky"
                [assistant|Vn5TaK2bD|Vn5TaK2bD|gemini-2.5-flash||] text:" is blue"
                [assistant|Vn5TaK2bD|Vn5TaK2bD|gemini-2.5-flash||] text:"."
                [assistant|Vn5TaK2bD|Vn5TaK2bD|gemini-2.5-flash||stop] usage:6/25/31 nexllm.request_id=rid-1 nexllm.finish_reason=STOP

                """,
                UpdateText.Render(updates));
        }

        [Fact]
        public async Task ToChatResponse_has_the_whole_text_and_the_last_chunk_usage_never_a_sum()
        {
            ChatResponse response = (await GeminiCalls.ReplayGeminiStreamAsync(GoogleTranscript)).ToChatResponse();

            Assert.Equal("The sky is blue.", response.Text);
            Assert.Equal((6L, 25L, 31L, 20L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, response.Usage?.TotalTokenCount, response.Usage?.ReasoningTokenCount));
            Assert.Equal((ChatFinishReason.Stop, "Vn5TaK2bD", "gemini-2.5-flash"), (response.FinishReason, response.ResponseId, response.ModelId));
        }

        [Fact]
        public async Task New_api_converted_stream_ends_on_the_empty_STOP_chunk()
        {
            List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(ConvertedTranscript, requestId: "rid-c");

            Assert.Equal(
                """
                [assistant|||||] text:"Hello"
                [assistant|||||] text:" there"
                [assistant|||||stop] usage:9/2/11 nexllm.request_id=rid-c nexllm.finish_reason=STOP nexllm.gemini.safety_ratings=[]

                """,
                UpdateText.Render(updates));
        }

        [Fact]
        public async Task Thoughts_stream_as_reasoning_and_a_call_after_them_finishes_with_ToolCalls()
        {
            List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(GeminiSse.Events(
                Parts($"[{ThoughtPart("Thinking about")}]"),
                Parts($"[{ThoughtPart(" the weather.")}]"),
                Parts($"[{CallPart("get_weather", """{"city":"Paris"}""", "sig-c==")}]"),
                Parts("[]", "STOP", Usage(12, 8, thoughts: 30))));

            Assert.Equal(
                ["reasoning:\"Thinking about\"", "reasoning:\" the weather.\"", "call:get_weather"],
                updates.Take(3).Select(u => u.Contents.Single() is FunctionCallContent c ? "call:" + c.Name : UpdateText.Render(u.Contents.Single())));
            Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
            var call = Assert.IsType<FunctionCallContent>(updates[2].Contents.Single());
            Assert.Equal(("get_weather", "sig-c=="), (call.Name, call.AdditionalProperties?["nexllm.gemini.thought_signature"]));
            UsageDetails usage = updates[^1].Contents.OfType<UsageContent>().Single().Details;
            Assert.Equal((12L, 38L, 30L, 50L), (usage.InputTokenCount, usage.OutputTokenCount, usage.ReasoningTokenCount, usage.TotalTokenCount));
        }

        [Fact]
        public async Task Several_calls_in_one_chunk_are_each_whole_with_their_own_ids()
        {
            List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(GeminiSse.Events(
                Parts($"[{CallPart("get_weather", """{"city":"Paris"}""")},{CallPart("get_time", """{"tz":"CET"}""")}]", "STOP")));

            FunctionCallContent[] calls = [.. updates[0].Contents.Cast<FunctionCallContent>()];
            Assert.Equal("get_weather/{city=\"Paris\"} get_time/{tz=\"CET\"}", string.Join(' ', calls.Select(c => $"{c.Name}/{UpdateText.Arguments(c)}")));
            Assert.NotEqual(calls[0].CallId, calls[1].CallId);
            Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
        }

        [Fact]
        public async Task A_text_signature_arriving_on_the_last_chunk_follows_that_text()
        {
            List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(GeminiSse.Events(
                Text("Par"), Parts($"[{TextPart("is.", "sig-x")}]", "STOP")));

            ChatMessage message = updates.ToChatResponse().Messages.Single();
            Assert.Equal("Paris.", message.Text);
            Assert.Equal("sig-x", message.Contents.OfType<TextReasoningContent>().Single().ProtectedData);
        }

        [Fact]
        public async Task A_streamed_prompt_block_is_an_ErrorContent_and_a_ContentFilter_finish_with_its_ratings()
        {
            List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(GeminiSse.Events(
                """{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT","safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"HIGH"}]},"usageMetadata":{"promptTokenCount":7,"totalTokenCount":7},"modelVersion":"gemini-2.5-flash","responseId":"blk"}"""));

            var error = Assert.IsType<ErrorContent>(Assert.Single(updates[0].Contents));
            Assert.Equal("PROHIBITED_CONTENT", error.ErrorCode);
            ChatResponseUpdate last = updates[^1];
            Assert.Equal((ChatFinishReason.ContentFilter, "PROHIBITED_CONTENT"), (last.FinishReason, last.AdditionalProperties?["nexllm.finish_reason"]));
            Assert.Contains("HARM_CATEGORY_HARASSMENT", Assert.IsType<JsonElement>(last.AdditionalProperties?["nexllm.gemini.safety_ratings"]).GetRawText(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task The_finishing_candidate_safety_ratings_and_grounding_go_on_the_final_update()
        {
            List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(GeminiSse.Events(
                Text("18 C"),
                """{"candidates":[{"content":{"role":"model","parts":[]},"finishReason":"STOP","index":0,"safetyRatings":[{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"NEGLIGIBLE"}],"groundingMetadata":{"webSearchQueries":["paris weather"]}}],"responseId":"resp-1"}"""));

            AdditionalPropertiesDictionary properties = updates[^1].AdditionalProperties!;
            Assert.Equal("""{"webSearchQueries":["paris weather"]}""", Assert.IsType<JsonElement>(properties["nexllm.gemini.grounding_metadata"]).GetRawText());
            Assert.Equal("""[{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"NEGLIGIBLE"}]""", Assert.IsType<JsonElement>(properties["nexllm.gemini.safety_ratings"]).GetRawText());
            Assert.Null(updates[0].AdditionalProperties);
        }

        [Fact]
        public async Task A_chunk_spread_over_several_data_lines_is_joined_into_one()
        {
            List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(
                "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\r\ndata:\"parts\":[{\"text\":\"Hi\"}]},\r\ndata: \"finishReason\":\"STOP\"}],\"responseId\":\"r\"}\r\n\r\n");

            Assert.Equal("Hi", UpdateText.AllText(updates));
            Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        }

        [Fact]
        public async Task Comments_blank_events_and_empty_chunks_are_skipped()
        {
            List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(
                ": PING\n\n" + GeminiSse.Events(Text("a")) + "\n\n\n" + GeminiSse.Events("{}", Parts("[{\"text\":\"\"}]"), Text("b", "STOP")));

            Assert.Equal("ab", UpdateText.AllText(updates));
            Assert.Equal(3, updates.Count);
        }
    }

    public sealed class Incremental
    {
        [Fact]
        public async Task Each_text_chunk_is_an_update_before_the_next_chunk_is_sent()
        {
            using var harness = new Harness();
            var body = new ScriptedStream().Then(GeminiSse.Events(Text("Hel")));
            await using var updates = Open(harness, body);

            Assert.Equal("Hel", (await ChatStreamingTests.NextAsync(updates)).Text);

            body.Then(GeminiSse.Events(Text("lo")));
            Assert.Equal("lo", (await ChatStreamingTests.NextAsync(updates)).Text);

            body.Then(GeminiSse.Events(Parts("[]", "STOP", Usage(3, 2)))).End();
            ChatResponseUpdate last = await ChatStreamingTests.NextAsync(updates);
            Assert.Equal((ChatFinishReason.Stop, "rid-stream"), (last.FinishReason, last.AdditionalProperties?["nexllm.request_id"]));
            Assert.False(await updates.MoveNextAsync());
        }

        [Fact]
        public async Task A_function_call_is_emitted_as_soon_as_its_chunk_arrives()
        {
            using var harness = new Harness();
            var body = new ScriptedStream().Then(GeminiSse.Events(Parts($"[{CallPart("get_weather", """{"city":"Paris"}""", "sig-1")}]")));
            await using var updates = Open(harness, body);

            ChatResponseUpdate update = await ChatStreamingTests.NextAsync(updates);

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(update.Contents));
            Assert.Equal("get_weather/{city=\"Paris\"}", $"{call.Name}/{UpdateText.Arguments(call)}");
            body.Then(GeminiSse.Events(Parts("[]", "STOP"))).End();
            Assert.Equal(ChatFinishReason.ToolCalls, (await ChatStreamingTests.NextAsync(updates)).FinishReason);
        }
    }
}
