using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.ClaudeEvent;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>
/// Thinking goes back unchanged on the next turn (docs/protocols/claude-messages.md: "echo these back unchanged on tool-use turns"), whether it
/// came streamed or whole.
/// </summary>
public sealed class ClaudeRoundTripTests
{
    /// <summary>The assistant content of a tool-use turn, in the order and shape the API sends and expects back.</summary>
    private const string AssistantBlocks =
        """[{"type":"thinking","thinking":"Let me think.","signature":"EqQBsig=="},{"type":"redacted_thinking","data":"EmwKAhgBEgy="},{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]""";

    private const string ExpectedBody =
        """{"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},{"role":"assistant","content":"""
        + AssistantBlocks
        + """},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18 C"}]}]}]}""";

    /// <summary>Sends the question, the assistant message(s) of the first answer and the tool result; returns the body of that second request.</summary>
    private static async Task<string> NextTurnBodyAsync(IEnumerable<ChatMessage> answer)
    {
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?"), .. answer, new(ChatRole.Tool, [new FunctionResultContent("toolu_1", "18 C")])];
        return await ClaudeCalls.SentClaudeBodyAsync(history);
    }

    public sealed class Thinking
    {
        [Fact]
        public async Task A_whole_thinking_turn_is_sent_back_block_for_block()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(
                $$$"""{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":{{{AssistantBlocks}}},"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":20}}"""));
            ChatResponse answer = await harness.AskClaudeAsync();

            string body = await NextTurnBodyAsync(answer.Messages);

            Assert.Equal(ExpectedBody, body);
        }

        [Fact]
        public async Task A_streamed_thinking_turn_is_sent_back_with_the_same_text_signature_and_data()
        {
            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(ClaudeSse.Events(
                MessageStart(),
                ThinkingStart(0), ThinkingDelta(0, "Let me"), ThinkingDelta(0, " think."), SignatureDelta(0, "EqQB"), SignatureDelta(0, "sig=="), BlockStop(0),
                RedactedThinkingStart(1, "EmwKAhgBEgy="), BlockStop(1),
                TextStart(2), TextDelta(2, "Checking."), BlockStop(2),
                ToolStart(3, "toolu_1", "get_weather"), InputJsonDelta(3, "{\"city\": \"Pa"), InputJsonDelta(3, "ris\"}"), BlockStop(3),
                MessageDelta("tool_use"), MessageStop));

            string body = await NextTurnBodyAsync(updates.ToChatResponse().Messages);

            Assert.Equal(ExpectedBody, body);
        }

        [Fact]
        public async Task A_streamed_thinking_block_without_a_signature_is_not_sent_back()
        {
            // new-api synthesises Claude streams from other channels with no signature_delta (docs/protocols/claude-messages.md): such thinking would be rejected.
            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(ClaudeSse.Events(
                MessageStart(), ThinkingStart(0), ThinkingDelta(0, "Unsigned."), BlockStop(0),
                ToolStart(1, "toolu_1", "get_weather"), InputJsonDelta(1, "{\"city\":\"Paris\"}"), BlockStop(1), MessageDelta("tool_use"), MessageStop));

            string body = await NextTurnBodyAsync(updates.ToChatResponse().Messages);

            Assert.Contains("""{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]}""", body, StringComparison.Ordinal);
            Assert.DoesNotContain("thinking", body, StringComparison.Ordinal);
        }
    }
}
