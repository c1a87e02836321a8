using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.ResponsesCalls;
using static NexLLM.Connectors.Tests.TestSupport.ResponsesEvent;

namespace NexLLM.Connectors.Tests.Chat.Responses;

/// <summary>What odd server output does to the Responses client: a typed error or content kept as it came, never a crash.</summary>
public sealed class ResponsesOddServerTests
{
    private static string Body(string output) =>
        $$"""{"id":"resp_1","object":"response","created_at":1741290958,"status":"completed","model":"gpt-4.1","output":{{output}}}""";

    [Fact]
    public async Task An_MCP_call_without_a_name_is_an_InvalidResponse_not_a_caller_mistake()
    {
        var error = await Assert.ThrowsAsync<NexLLMException>(() => ReplayResponseAsync(Body("""[{"type":"mcp_call","id":"mcp_1","server_label":"d","arguments":"{}"}]""")));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("mcp_call", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hosted_item_without_an_id_gets_one_that_pairs_its_call_and_result()
    {
        ChatResponse response = await ReplayResponseAsync(Body("""[{"type":"web_search_call","status":"completed","action":{"type":"search","query":"q"}}]"""));

        var call = Assert.IsType<WebSearchToolCallContent>(response.Messages[0].Contents[0]);
        var result = Assert.IsType<WebSearchToolResultContent>(response.Messages[0].Contents[1]);
        Assert.StartsWith("call_", call.CallId, StringComparison.Ordinal);
        Assert.Equal(call.CallId, result.CallId);
    }

    [Fact]
    public async Task A_streamed_hosted_item_keeps_its_JSON_as_it_came_nulls_included()
    {
        const string Item = """{"id":"ci_1","type":"code_interpreter_call","status":"completed","code":"print(1)","container_id":"cntr_1","outputs":null}""";
        string done = $$"""{"type":"response.output_item.done","output_index":0,"item":{{Item}}}""";

        List<ChatResponseUpdate> updates = await ReplayResponsesStreamAsync(ResponsesSse.Events(Created(), InProgress(), done, Completed()));

        var result = Assert.Single(updates.SelectMany(u => u.Contents).OfType<CodeInterpreterToolResultContent>());
        Assert.Equal(Item, Assert.IsType<JsonElement>(result.RawRepresentation).GetRawText());
    }

    [Fact]
    public async Task Two_encrypted_only_reasoning_items_in_a_stream_are_both_kept()
    {
        List<ChatResponseUpdate> updates = await ReplayResponsesStreamAsync(ResponsesSse.Events(
        [
            Created(), InProgress(), ReasoningAdded("rs_1"), ReasoningDone([], "enc1", "rs_1"), ReasoningAdded("rs_2", 1), ReasoningDone([], "enc2", "rs_2", 1),
            .. TextAnswer("Hi.")[2..],
        ]));

        Assert.Equal(["enc1", "enc2"], updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.ProtectedData));
    }

    [Fact]
    public async Task A_streamed_response_failed_without_an_error_object_is_an_InStreamError()
    {
        using var harness = new Harness();
        const string Failed = """{"type":"response.failed","response":{"id":"resp_1","status":"failed","error":null}}""";
        harness.Handler.Enqueue(Reply.Sse(ResponsesSse.Events(Created(), Failed)));

        (_, Exception? error) = await harness.StreamResponsesAsync();

        Assert.Equal(NexLLMErrorKind.InStreamError, Assert.IsType<NexLLMException>(error).Kind);
    }

    [Fact]
    public async Task An_error_object_without_a_type_in_the_stream_is_an_InStreamError_with_its_message()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(ResponsesSse.Events(Created()) + """data: {"error":{"message":"upstream broke","type":"upstream_error","code":"bad_response_status_code"}}""" + "\n\n"));

        (_, Exception? error) = await harness.StreamResponsesAsync();

        var exception = Assert.IsType<NexLLMException>(error);
        Assert.Equal(NexLLMErrorKind.InStreamError, exception.Kind);
        Assert.Equal("bad_response_status_code", exception.ErrorCode);
        Assert.Contains("upstream broke", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_content_in_a_message_is_an_ArgumentException()
    {
        using var harness = new Harness();
        var message = new ChatMessage(ChatRole.User, [new TextContent("Hi"), null!]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Responses().GetResponseAsync([message], cancellationToken: Harness.Ct));

        Assert.Contains("null content", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Handler.Requests);
    }
}
