using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.GeminiChunk;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// Thought signatures go back unchanged, on the part they came with, in the next turn (docs/protocols/gemini.md "echo it back unchanged
/// on the same part", docs/protocols/gemini.md#gotchas), whether the answer came streamed or whole.
/// </summary>
public sealed class GeminiRoundTripTests
{
    /// <summary>The model parts of a tool-use turn, as Gemini sends them.</summary>
    private const string AnswerParts =
        """[{"text":"Let me think.","thought":true,"thoughtSignature":"sig-t=="},{"text":"Checking."},{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"sig-c=="},{"functionCall":{"name":"get_time","args":{"tz":"CET"}}}]""";

    /// <summary>The same parts as they are sent back (our field order: thoughtSignature before functionCall).</summary>
    private const string EchoedParts =
        """[{"text":"Let me think.","thought":true,"thoughtSignature":"sig-t=="},{"text":"Checking."},{"thoughtSignature":"sig-c==","functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"functionCall":{"name":"get_time","args":{"tz":"CET"}}}]""";

    private const string ExpectedBody =
        """{"contents":[{"role":"user","parts":[{"text":"Weather in Paris?"}]},{"role":"model","parts":"""
        + EchoedParts
        + """},{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"result":"18 C"}}},{"functionResponse":{"name":"get_time","response":{"result":"12:00"}}}]}]}""";

    /// <summary>Sends the question, the answer's messages and one result per call (in call order); returns the body of that second request.</summary>
    private static async Task<string> NextTurnBodyAsync(IList<ChatMessage> answer, params string[] results)
    {
        FunctionCallContent[] calls = [.. answer.SelectMany(m => m.Contents).OfType<FunctionCallContent>()];
        List<AIContent> resultContents = [.. calls.Select((c, i) => (AIContent)new FunctionResultContent(c.CallId, results[i]))];
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?"), .. answer, new(ChatRole.Tool, resultContents)];
        return await GeminiCalls.SentGeminiBodyAsync(history);
    }

    [Fact]
    public async Task A_whole_answer_is_sent_back_part_for_part_with_the_same_signatures()
    {
        ChatResponse answer = await GeminiCalls.ReplayAnswerAsync(
            $$$"""{"candidates":[{"content":{"role":"model","parts":{{{AnswerParts}}}},"finishReason":"STOP","index":0}],"responseId":"r1"}""");

        Assert.Equal(ExpectedBody, await NextTurnBodyAsync(answer.Messages, "18 C", "12:00"));
    }

    [Fact]
    public async Task A_streamed_answer_is_sent_back_part_for_part_with_the_same_signatures()
    {
        List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(GeminiSse.Events(
            Parts($"[{ThoughtPart("Let me think.", "sig-t==")}]"),
            Text("Checking."),
            Parts($"[{CallPart("get_weather", """{"city":"Paris"}""", "sig-c==")},{CallPart("get_time", """{"tz":"CET"}""")}]"),
            Parts("[]", "STOP", Usage(10, 5))));

        Assert.Equal(ExpectedBody, await NextTurnBodyAsync(updates.ToChatResponse().Messages, "18 C", "12:00"));
    }

    [Fact]
    public async Task A_thought_streamed_in_pieces_goes_back_as_one_thought_with_the_signature_of_its_last_piece()
    {
        List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(GeminiSse.Events(
            Parts($"[{ThoughtPart("Let me ")}]"),
            Parts($"[{ThoughtPart("think.", "sig-t==")}]"),
            Parts($"[{CallPart("get_weather", """{"city":"Paris"}""", "sig-c==")}]", "STOP")));

        string body = await NextTurnBodyAsync(updates.ToChatResponse().Messages, "18 C");

        Assert.Contains(
            """{"role":"model","parts":[{"text":"Let me think.","thought":true,"thoughtSignature":"sig-t=="},{"thoughtSignature":"sig-c==","functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]}""",
            body,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_text_answer_goes_back_with_the_signature_on_its_text()
    {
        List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(GeminiSse.Events(Text("It is "), Parts($"[{TextPart("sunny.", "sig-x==")}]", "STOP")));
        List<ChatMessage> history = [new(ChatRole.User, "Weather?"), .. updates.ToChatResponse().Messages, new(ChatRole.User, "Thanks")];

        Assert.Equal(
            """{"contents":[{"role":"user","parts":[{"text":"Weather?"}]},{"role":"model","parts":[{"text":"It is sunny.","thoughtSignature":"sig-x=="}]},{"role":"user","parts":[{"text":"Thanks"}]}]}""",
            await GeminiCalls.SentGeminiBodyAsync(history));
    }

    [Fact]
    public async Task A_signature_sent_alone_in_an_empty_last_text_part_goes_back_on_the_answer_text()
    {
        List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(GeminiSse.Events(Text("It is sunny."), Parts($"[{TextPart(string.Empty, "sig-end==")}]", "STOP")));
        List<ChatMessage> history = [new(ChatRole.User, "Weather?"), .. updates.ToChatResponse().Messages];

        Assert.EndsWith(
            """{"role":"model","parts":[{"text":"It is sunny.","thoughtSignature":"sig-end=="}]}]}""",
            await GeminiCalls.SentGeminiBodyAsync(history),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signatures_survive_a_JSON_round_trip_of_the_history()
    {
        ChatResponse answer = await GeminiCalls.ReplayAnswerAsync(
            $$$"""{"candidates":[{"content":{"role":"model","parts":{{{AnswerParts}}}},"finishReason":"STOP","index":0}],"responseId":"r1"}""");
        string json = System.Text.Json.JsonSerializer.Serialize(answer.Messages, AIJsonUtilities.DefaultOptions);
        List<ChatMessage> restored = System.Text.Json.JsonSerializer.Deserialize<List<ChatMessage>>(json, AIJsonUtilities.DefaultOptions)!;

        Assert.Equal(ExpectedBody, await NextTurnBodyAsync(restored, "18 C", "12:00"));
    }
}
