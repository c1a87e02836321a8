using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.ResponsesEvent;

namespace NexLLM.Connectors.Tests.Chat.Responses;

/// <summary>Streamed Responses replayed from exact <c>event:</c>/<c>data:</c> transcripts (docs/protocols/responses.md#streaming).</summary>
public sealed class ResponsesStreamingTests
{
    /// <summary>A text answer as OpenAI streams it and new-api frames it again (docs/protocols/responses.md#through-the-gateway).</summary>
    internal const string WireTranscript = """
        event: response.created
        data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_67ccd2bed1ec8190","object":"response","created_at":1741476542,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"service_tier":"auto","store":false,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

        event: response.in_progress
        data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_67ccd2bed1ec8190","object":"response","created_at":1741476542,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-4.1-2025-04-14","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"service_tier":"auto","store":false,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

        event: response.output_item.added
        data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"msg_67ccd2bf17f08190","type":"message","status":"in_progress","content":[],"role":"assistant"}}

        event: response.content_part.added
        data: {"type":"response.content_part.added","sequence_number":3,"item_id":"msg_67ccd2bf17f08190","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}

        event: response.output_text.delta
        data: {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_67ccd2bf17f08190","output_index":0,"content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"3JlNVv6bQ5Ma"}

        event: response.output_text.delta
        data: {"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_67ccd2bf17f08190","output_index":0,"content_index":0,"delta":" there","logprobs":[],"obfuscation":"Zx0gQ1"}

        event: response.output_text.delta
        data: {"type":"response.output_text.delta","sequence_number":6,"item_id":"msg_67ccd2bf17f08190","output_index":0,"content_index":0,"delta":"! \ud83d\udc4b \"caf\u00e9\"","logprobs":[],"obfuscation":"q"}

        event: response.output_text.done
        data: {"type":"response.output_text.done","sequence_number":7,"item_id":"msg_67ccd2bf17f08190","output_index":0,"content_index":0,"text":"Hi there! \ud83d\udc4b \"caf\u00e9\"","logprobs":[]}

        event: response.content_part.done
        data: {"type":"response.content_part.done","sequence_number":8,"item_id":"msg_67ccd2bf17f08190","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"Hi there! \ud83d\udc4b \"caf\u00e9\""}}

        event: response.output_item.done
        data: {"type":"response.output_item.done","sequence_number":9,"output_index":0,"item":{"id":"msg_67ccd2bf17f08190","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Hi there! \ud83d\udc4b \"caf\u00e9\""}],"role":"assistant"}}

        event: response.completed
        data: {"type":"response.completed","sequence_number":10,"response":{"id":"resp_67ccd2bed1ec8190","object":"response","created_at":1741476542,"status":"completed","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-4.1-2025-04-14","output":[{"id":"msg_67ccd2bf17f08190","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Hi there! \ud83d\udc4b \"caf\u00e9\""}],"role":"assistant"}],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"service_tier":"default","store":false,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":9,"input_tokens_details":{"cached_tokens":0},"output_tokens":12,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":21},"user":null,"metadata":{}}}


        """;

    /// <summary>A reasoning model's answer: a two-part summary with its encrypted content, a function call, then text.</summary>
    internal static readonly string[] ReasoningCallAndText =
    [
        Created(), InProgress(),
        ReasoningAdded(), SummaryPartAdded(0), SummaryDelta("**Checking** "), SummaryDelta("the weather…"), SummaryPartDone("**Checking** the weather…"),
        SummaryPartAdded(1), SummaryDelta("Paris, then 🌤"), SummaryPartDone("Paris, then 🌤"),
        ReasoningDone(["**Checking** the weather…", "Paris, then 🌤"], "gAAAAABo_enc=="),
        .. Call("get_weather", ["{\"city\":", "\"Par", "is\"}"], index: 1),
        MessageAdded(index: 2), TextPartAdded(index: 2), TextDelta("Je vérifie ", index: 2), TextDelta("la météo.", index: 2),
        TextDone("Je vérifie la météo.", index: 2), TextPartDone("Je vérifie la météo.", index: 2), MessageDone("Je vérifie la météo.", index: 2),
        Completed("""{"input_tokens":80,"input_tokens_details":{"cached_tokens":64},"output_tokens":120,"output_tokens_details":{"reasoning_tokens":90},"total_tokens":200}"""),
    ];

    private const string ReasoningCallAndTextRendered = """
        [assistant|resp_1||gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|] reasoning:"**Checking** "
        [assistant|resp_1||gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|] reasoning:"the weather\u2026"
        [assistant|resp_1||gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|] reasoning:"\n\nParis, then \uD83C\uDF24"
        [assistant|resp_1||gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|] reasoning:""
        [assistant|resp_1||gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|] call:call_1/get_weather/{city="Paris"}
        [assistant|resp_1|msg_1|gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|] text:"Je v\u00E9rifie "
        [assistant|resp_1|msg_1|gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|] text:"la m\u00E9t\u00E9o."
        [assistant|resp_1|msg_1|gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|tool_calls] usage:80/120/200 nexllm.request_id=rid-1 nexllm.finish_reason=completed

        """;

    internal static IAsyncEnumerator<ChatResponseUpdate> Open(Harness harness, ScriptedStream body)
    {
        harness.Handler.Enqueue(Reply.Sse(body).WithHeader("X-Oneapi-Request-Id", "rid-stream"));
        return harness.Responses().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: Harness.Ct).GetAsyncEnumerator(Harness.Ct);
    }

    private static async Task<string> RenderAsync(Reply reply)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(reply.WithHeader("X-Oneapi-Request-Id", "rid-1"));
        var (updates, error) = await harness.StreamResponsesAsync();
        Assert.Null(error);
        return UpdateText.Render(updates);
    }

    public sealed class Transcripts
    {
        [Fact]
        public async Task The_wire_transcript_is_one_update_per_delta_then_the_finish_with_usage_and_the_request_id()
        {
            List<ChatResponseUpdate> updates = await ResponsesCalls.ReplayResponsesStreamAsync(WireTranscript, requestId: "rid-1");

            Assert.Equal(
                """
                [assistant|resp_67ccd2bed1ec8190|msg_67ccd2bf17f08190|gpt-4.1-2025-04-14|2025-03-08T23:29:02.0000000+00:00|] text:"Hi"
                [assistant|resp_67ccd2bed1ec8190|msg_67ccd2bf17f08190|gpt-4.1-2025-04-14|2025-03-08T23:29:02.0000000+00:00|] text:" there"
                [assistant|resp_67ccd2bed1ec8190|msg_67ccd2bf17f08190|gpt-4.1-2025-04-14|2025-03-08T23:29:02.0000000+00:00|] text:"! \uD83D\uDC4B \u0022caf\u00E9\u0022"
                [assistant|resp_67ccd2bed1ec8190|msg_67ccd2bf17f08190|gpt-4.1-2025-04-14|2025-03-08T23:29:02.0000000+00:00|stop] usage:9/12/21 nexllm.request_id=rid-1 nexllm.finish_reason=completed

                """,
                UpdateText.Render(updates));
            Assert.All(updates[..^1], u => Assert.Null(u.AdditionalProperties));
            Assert.All(updates, u => Assert.Null(u.ConversationId));
        }

        [Fact]
        public async Task ToChatResponse_of_the_wire_transcript_is_the_non_streamed_answer()
        {
            ChatResponse response = (await ResponsesCalls.ReplayResponsesStreamAsync(WireTranscript, requestId: "rid-1")).ToChatResponse();

            ChatMessage message = Assert.Single(response.Messages);
            Assert.Equal("Hi there! 👋 \"café\"", Assert.IsType<TextContent>(Assert.Single(message.Contents)).Text);
            Assert.Equal(("resp_67ccd2bed1ec8190", "msg_67ccd2bf17f08190", "gpt-4.1-2025-04-14"), (response.ResponseId, message.MessageId, response.ModelId));
            Assert.Equal((ChatFinishReason.Stop, DateTimeOffset.FromUnixTimeSeconds(1741476542)), (response.FinishReason, response.CreatedAt));
            Assert.Equal((9L, 12L, 21L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, response.Usage?.TotalTokenCount));
            Assert.Equal("rid-1", message.AdditionalProperties?["nexllm.request_id"]);
        }

        [Fact]
        public async Task Reasoning_a_call_and_text_are_handed_out_in_order_with_the_finish_ToolCalls()
        {
            Assert.Equal(ReasoningCallAndTextRendered, await RenderAsync(Reply.Sse(ResponsesSse.Events(ReasoningCallAndText))));
        }

        [Fact]
        public async Task ToChatResponse_gives_one_message_like_the_non_streamed_answer_with_the_reasoning_whole()
        {
            ChatResponse response = (await ResponsesCalls.ReplayResponsesStreamAsync(ResponsesSse.Events(ReasoningCallAndText))).ToChatResponse();

            ChatMessage message = Assert.Single(response.Messages);
            Assert.Equal("msg_1", message.MessageId);
            Assert.Equal(3, message.Contents.Count);
            var reasoning = Assert.IsType<TextReasoningContent>(message.Contents[0]);
            Assert.Equal(("**Checking** the weather…\n\nParis, then 🌤", "gAAAAABo_enc=="), (reasoning.Text, reasoning.ProtectedData));
            Assert.Equal("rs_1", reasoning.AdditionalProperties?["nexllm.responses.item_id"]);
            Assert.Equal("call_1", Assert.IsType<FunctionCallContent>(message.Contents[1]).CallId);
            Assert.Equal("Je vérifie la météo.", Assert.IsType<TextContent>(message.Contents[2]).Text);
            Assert.Equal((ChatFinishReason.ToolCalls, 64L, 90L), (response.FinishReason, response.Usage?.CachedInputTokenCount, response.Usage?.ReasoningTokenCount));
        }

        [Fact]
        public async Task A_multi_part_summary_is_joined_as_the_whole_response_joins_it()
        {
            string[] parts = ["**Plan**", string.Empty, "Then 🌤\nanswer."];
            string item = $$$"""{"id":"rs_1","type":"reasoning","encrypted_content":"enc","summary":[{{{string.Join(",", parts.Select(p => $"{{\"type\":\"summary_text\",\"text\":{Json.Quote(p)}}}"))}}}]}""";
            List<ChatResponseUpdate> updates = await ResponsesCalls.ReplayResponsesStreamAsync(ResponsesSse.Events(
                Created(), ReasoningAdded(), SummaryPartAdded(0), SummaryDelta(parts[0]), SummaryPartDone(parts[0]), SummaryPartAdded(1), SummaryPartDone(parts[1], 1),
                SummaryPartAdded(2), SummaryDelta("Then 🌤", 2), SummaryDelta("\nanswer.", 2), SummaryPartDone(parts[2], 2), ReasoningDone(parts, "enc"), Completed(output: $"[{item}]")));

            ChatResponse whole = await ResponsesCalls.ReplayResponseAsync(ResponsesResponseMappingTests.Body($"[{item}]"));

            var streamed = Assert.IsType<TextReasoningContent>(Assert.Single(updates.ToChatResponse().Messages[0].Contents));
            Assert.Equal("**Plan**\n\nThen 🌤\nanswer.", streamed.Text);
            Assert.Equal(Assert.IsType<TextReasoningContent>(Assert.Single(whole.Messages[0].Contents)).Text, streamed.Text);
        }

        [Fact]
        public async Task The_streamed_answer_goes_back_on_the_next_turn_with_its_reasoning_item()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(ResponsesSse.Events(ReasoningCallAndText)), Reply.Json(ResponsesCalls.ResponsesOkBody));
            IChatClient chat = harness.Responses("o4-mini");
            List<ChatMessage> history = [new(ChatRole.User, "Weather?")];
            history.AddRange((await chat.GetStreamingResponseAsync(history, cancellationToken: Harness.Ct).ToChatResponseAsync(Harness.Ct)).Messages);
            history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "18 C")]));

            await chat.GetResponseAsync(history, cancellationToken: Harness.Ct);

            Assert.Equal(
                ChatRequestJsonTests.OneLine("""
                    {"model":"o4-mini","input":[{"type":"message","role":"user","content":"Weather?"},
                    {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"**Checking** the weather…\n\nParis, then \uD83C\uDF24"}],"encrypted_content":"gAAAAABo_enc=="},
                    {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"},
                    {"type":"message","role":"assistant","content":"Je vérifie la météo."},
                    {"type":"function_call_output","call_id":"call_1","output":"18 C"}],"store":false,"include":["reasoning.encrypted_content"]}
                    """),
                harness.Handler.Requests[1].BodyText);
        }
    }

    public sealed class Incremental
    {
        [Fact]
        public async Task Each_text_delta_is_an_update_before_the_next_event_is_sent()
        {
            using var harness = new Harness();
            var body = new ScriptedStream().Then(ResponsesSse.Events(Created(), InProgress(), MessageAdded(), TextPartAdded(), TextDelta("Hel")));
            await using var updates = Open(harness, body);

            Assert.Equal("Hel", (await ChatStreamingTests.NextAsync(updates)).Text);

            body.Then(ResponsesSse.Events(TextDelta("lo")));
            Assert.Equal("lo", (await ChatStreamingTests.NextAsync(updates)).Text);

            body.Then(ResponsesSse.Events(TextDone("Hello"), TextPartDone("Hello"), MessageDone("Hello"), Completed())).End();
            ChatResponseUpdate last = await ChatStreamingTests.NextAsync(updates);
            Assert.Equal((ChatFinishReason.Stop, "rid-stream"), (last.FinishReason, last.AdditionalProperties?["nexllm.request_id"]));
            Assert.False(await updates.MoveNextAsync());
        }

        [Fact]
        public async Task A_function_call_is_handed_out_when_its_arguments_are_done_and_not_again_with_its_item()
        {
            using var harness = new Harness();
            var body = new ScriptedStream().Then(ResponsesSse.Events(Created(), InProgress(), CallAdded("get_weather"), ArgumentsDelta("{\"city\":"), ArgumentsDelta("\"Paris\"}")));
            await using var updates = Open(harness, body);

            Task<bool> next = updates.MoveNextAsync().AsTask();
            await body.WaitForBlockedReadAsync();
            Assert.False(next.IsCompleted, "An update was yielded before the arguments were done.");

            body.Then(ResponsesSse.Events(ArgumentsDone("{\"city\":\"Paris\"}")));
            Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(5), Harness.Ct));
            var call = Assert.IsType<FunctionCallContent>(Assert.Single(updates.Current.Contents));
            Assert.Equal("call_1/get_weather/{city=\"Paris\"}", $"{call.CallId}/{call.Name}/{UpdateText.Arguments(call)}");

            body.Then(ResponsesSse.Events(CallDone("get_weather", "{\"city\":\"Paris\"}"), Completed())).End();
            ChatResponseUpdate last = await ChatStreamingTests.NextAsync(updates);
            Assert.IsType<UsageContent>(Assert.Single(last.Contents));
            Assert.Equal(ChatFinishReason.ToolCalls, last.FinishReason);
            Assert.False(await updates.MoveNextAsync());
        }
    }

    public sealed class Items
    {
        [Fact]
        public async Task Parallel_calls_are_each_handed_out_once_by_their_call_ids()
        {
            List<ChatResponseUpdate> updates = await ResponsesCalls.ReplayResponsesStreamAsync(ResponsesSse.Events(
            [
                Created(), CallAdded("get_weather", "fc_1", "call_1", 0), CallAdded("get_time", "fc_2", "call_2", 1),
                ArgumentsDelta("{\"tz\":\"UTC\"}", "fc_2", 1), ArgumentsDelta("{\"city\":\"Oslo\"}", "fc_1", 0),
                ArgumentsDone("{\"tz\":\"UTC\"}", "fc_2", 1), CallDone("get_time", "{\"tz\":\"UTC\"}", "fc_2", "call_2", 1),
                ArgumentsDone("{\"city\":\"Oslo\"}", "fc_1", 0), CallDone("get_weather", "{\"city\":\"Oslo\"}", "fc_1", "call_1", 0),
                Completed(),
            ]));

            Assert.Equal(
                ["call_2/get_time/{tz=\"UTC\"}", "call_1/get_weather/{city=\"Oslo\"}"],
                updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Select(c => $"{c.CallId}/{c.Name}/{UpdateText.Arguments(c)}"));
        }

        [Fact]
        public async Task A_call_never_announced_is_handed_out_once_with_its_item()
        {
            List<ChatResponseUpdate> updates = await ResponsesCalls.ReplayResponsesStreamAsync(ResponsesSse.Events(
                Created(), ArgumentsDone("{\"city\":\"Oslo\"}"), CallDone("get_weather", "{\"city\":\"Oslo\"}"), Completed()));

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>()));
            Assert.Equal("call_1/get_weather/{city=\"Oslo\"}", $"{call.CallId}/{call.Name}/{UpdateText.Arguments(call)}");
            Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
        }

        [Fact]
        public async Task Reasoning_without_a_summary_travels_with_the_first_text_with_its_encrypted_content_and_id()
        {
            List<ChatResponseUpdate> updates = await ResponsesCalls.ReplayResponsesStreamAsync(ResponsesSse.Events(
                [Created(), ReasoningAdded(), ReasoningDone([], "gAAA"), .. TextAnswer("Hi")[2..]]));

            Assert.Equal(2, updates[0].Contents.Count);
            var reasoning = Assert.IsType<TextReasoningContent>(updates[0].Contents[0]);
            Assert.Equal((string.Empty, "gAAA", "rs_1"), (reasoning.Text, reasoning.ProtectedData, reasoning.AdditionalProperties?["nexllm.responses.item_id"]));
            Assert.Equal("Hi", Assert.IsType<TextContent>(updates[0].Contents[1]).Text);
            ChatMessage message = Assert.Single(updates.ToChatResponse().Messages);
            Assert.Equal(("msg_1", "gAAA"), (message.MessageId, Assert.IsType<TextReasoningContent>(message.Contents[0]).ProtectedData));
        }

        [Fact]
        public async Task A_summary_that_came_whole_with_its_item_is_handed_out_then()
        {
            List<ChatResponseUpdate> updates = await ResponsesCalls.ReplayResponsesStreamAsync(ResponsesSse.Events(
                [Created(), ReasoningAdded(), ReasoningDone(["One.", "Two."], null), .. TextAnswer("Hi")[2..]]));

            var reasoning = Assert.IsType<TextReasoningContent>(Assert.Single(updates[0].Contents));
            Assert.Equal(("One.\n\nTwo.", null), (reasoning.Text, reasoning.ProtectedData));
        }

        [Fact]
        public async Task A_refusal_is_one_ErrorContent_when_it_is_done()
        {
            List<ChatResponseUpdate> updates = await ResponsesCalls.ReplayResponsesStreamAsync(ResponsesSse.Events(
                Created(), MessageAdded(),
                """{"type":"response.content_part.added","item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"refusal","refusal":""}}""",
                """{"type":"response.refusal.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"I can't"}""",
                """{"type":"response.refusal.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":" help."}""",
                """{"type":"response.refusal.done","item_id":"msg_1","output_index":0,"content_index":0,"refusal":"I can't help."}""",
                """{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"refusal","refusal":"I can't help."}]}}""",
                Completed()));

            var refusal = Assert.IsType<ErrorContent>(Assert.Single(updates.SelectMany(u => u.Contents), c => c is not UsageContent));
            Assert.Equal(("I can't help.", "Refusal"), (refusal.Message, refusal.ErrorCode));
        }

        [Fact]
        public async Task Citations_come_with_the_message_item_and_survive_ToChatResponse()
        {
            List<ChatResponseUpdate> updates = await ResponsesCalls.ReplayResponsesStreamAsync(ResponsesSse.Events(
                Created(), MessageAdded(), TextPartAdded(), TextDelta("Sunny."),
                """{"type":"response.output_text.annotation.added","item_id":"msg_1","output_index":0,"content_index":0,"annotation_index":0,"annotation":{"type":"url_citation","start_index":0,"end_index":6,"title":"Weather","url":"https://weather.test/"}}""",
                MessageDone("Sunny.", """[{"type":"url_citation","start_index":0,"end_index":6,"title":"Weather","url":"https://weather.test/"}]"""),
                Completed()));

            ChatResponse response = updates.ToChatResponse();
            var citation = Assert.IsType<CitationAnnotation>(Assert.Single(response.Messages[0].Contents.SelectMany(c => c.Annotations ?? [])));
            Assert.Equal(("Weather", new Uri("https://weather.test/")), (citation.Title, citation.Url));
            Assert.Equal("Sunny.", response.Text);
        }

        [Fact]
        public async Task A_hosted_tool_item_is_handed_out_when_done_and_its_progress_events_are_skipped()
        {
            List<ChatResponseUpdate> updates = await ResponsesCalls.ReplayResponsesStreamAsync(ResponsesSse.Events(
            [
                Created(),
                """{"type":"response.output_item.added","output_index":0,"item":{"id":"ws_1","type":"web_search_call","status":"in_progress"}}""",
                """{"type":"response.web_search_call.in_progress","output_index":0,"item_id":"ws_1"}""",
                """{"type":"response.web_search_call.searching","output_index":0,"item_id":"ws_1"}""",
                """{"type":"response.web_search_call.completed","output_index":0,"item_id":"ws_1"}""",
                """{"type":"response.output_item.done","output_index":0,"item":{"id":"ws_1","type":"web_search_call","status":"completed","action":{"type":"search","query":"paris weather"}}}""",
                """{"type":"response.brand_new.event","output_index":1,"payload":{"x":[1]}}""",
                .. TextAnswer("Sunny.")[2..],
            ]));

            Assert.Equal(2, updates[0].Contents.Count);
            Assert.Equal(["paris weather"], Assert.IsType<WebSearchToolCallContent>(updates[0].Contents[0]).Queries);
            Assert.Equal("ws_1", Assert.IsType<WebSearchToolResultContent>(updates[0].Contents[1]).CallId);
            Assert.Equal("Sunny.", UpdateText.AllText(updates));
        }
    }

    public sealed class Framing
    {
        [Fact]
        public async Task One_byte_per_read_gives_the_same_updates()
        {
            Assert.Equal(ReasoningCallAndTextRendered, await RenderAsync(Reply.Sse(ResponsesSse.Events(ReasoningCallAndText), maxReadSize: 1)));
        }

        [Fact]
        public async Task The_stream_split_at_every_byte_position_gives_the_same_updates()
        {
            byte[] body = Encoding.UTF8.GetBytes(ResponsesSse.Events(ReasoningCallAndText));

            for (int cut = 1; cut < body.Length; cut++)
            {
                string rendered = await RenderAsync(Reply.Sse(ScriptedStream.OfChunks([body[..cut], body[cut..]])));

                Assert.True(rendered == ReasoningCallAndTextRendered, $"Split at byte {cut} of {body.Length}:\n{rendered}");
            }
        }

        [Fact]
        public async Task Events_are_dispatched_on_their_JSON_type_not_the_event_line()
        {
            string body = string.Concat(ResponsesSse.Numbered(ReasoningCallAndText).Select(e => $"event: response.completed\ndata: {e}\n\n"));

            Assert.Equal(ReasoningCallAndTextRendered, await RenderAsync(Reply.Sse(body)));
        }
    }
}
