using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// <c>generationConfig.candidateCount</c> above 1 (docs/protocols/gemini.md#several-candidates): the answer is candidate 0
/// (a candidate without an index is index 0); the other candidates' parts and finish reasons never mix into it, whether
/// they come first, alone in a chunk (the fast text path included) or last.
/// </summary>
public sealed class GeminiCandidatesTests
{
    private const string Usage = "\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":9,\"totalTokenCount\":13}";

    // Two candidates streamed side by side, then the longer second one alone: a text-only chunk (the reader's fast path)
    // and a chunk whose only candidate finishes with another reason.
    private static readonly string TwoCandidateStream = GeminiSse.Events(
        """{"candidates":[{"content":{"role":"model","parts":[{"text":"It is"}]},"index":0},{"content":{"role":"model","parts":[{"text":"Candidate 2: It is"}]},"index":1}],"responseId":"r-2"}""",
        """{"candidates":[{"content":{"role":"model","parts":[{"text":" sunny."}]},"finishReason":"STOP","index":0},{"content":{"role":"model","parts":[{"text":" sunny"}]},"index":1}],"responseId":"r-2"}""",
        """{"candidates":[{"content":{"role":"model","parts":[{"text":" and warm"}]},"index":1}],"responseId":"r-2"}""",
        """{"candidates":[{"content":{"role":"model","parts":[{"text":" today."}]},"finishReason":"MAX_TOKENS","index":1}],""" + Usage + ""","responseId":"r-2"}""");

    [Fact]
    public async Task A_stream_answers_with_candidate_0_only_and_its_finish_reason()
    {
        List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(TwoCandidateStream);
        ChatResponse response = updates.ToChatResponse();

        Assert.Equal("It is sunny.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("STOP", updates[^1].AdditionalProperties?["nexllm.finish_reason"]);
        Assert.Equal(13L, response.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task A_chunk_of_another_candidate_alone_yields_no_text_update()
    {
        List<ChatResponseUpdate> updates = await GeminiCalls.ReplayGeminiStreamAsync(TwoCandidateStream);

        Assert.Equal(["It is", " sunny."], updates.SelectMany(u => u.Contents.OfType<TextContent>()).Select(t => t.Text));
    }

    [Fact]
    public async Task A_whole_answer_is_candidate_0_wherever_it_is_listed_and_keeps_the_others_raw()
    {
        const string Body = """
            {"candidates":[
              {"content":{"role":"model","parts":[{"text":"Candidate 2: Paris."}]},"finishReason":"MAX_TOKENS","index":1},
              {"content":{"role":"model","parts":[{"text":"Paris."}]},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":7,"totalTokenCount":11},"modelVersion":"gemini-2.5-flash","responseId":"r-1"}
            """;

        ChatResponse response = await GeminiCalls.ReplayAnswerAsync(Body);

        Assert.Equal("Paris.", response.Text);
        Assert.Equal((ChatFinishReason.Stop, "STOP"), (response.FinishReason, response.AdditionalProperties?["nexllm.finish_reason"]));
        JsonElement raw = Assert.IsType<JsonElement>(response.RawRepresentation);
        Assert.Equal(2, raw.GetProperty("candidates").GetArrayLength());
    }

    [Fact]
    public async Task A_candidate_without_an_index_is_candidate_0()
    {
        ChatResponse response = await GeminiCalls.ReplayAnswerAsync(
            """{"candidates":[{"content":{"role":"model","parts":[{"text":"Hello."}]},"finishReason":"STOP"}],"responseId":"r-3"}""");

        Assert.Equal(("Hello.", ChatFinishReason.Stop), (response.Text, response.FinishReason));
    }
}
