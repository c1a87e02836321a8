using System.Text.Json;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>
/// The timed transcript contents round-trip through M.E.AI's JSON options once registered, as their docs say
/// (<c>AIJsonUtilities.AddAIContentType</c>): a response cached or logged as JSON keeps its segments and words.
/// </summary>
public sealed class TranscriptContentSerializationTests
{
    [Fact]
    public void Segments_and_words_round_trip_through_MEAI_json_options_once_registered()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions);
        AIJsonUtilities.AddAIContentType<NexLLMTranscriptSegment>(options, "nexllm.segment");
        AIJsonUtilities.AddAIContentType<NexLLMTranscriptWord>(options, "nexllm.word");
        var response = new SpeechToTextResponse(
        [
            new TextContent("Hello there."),
            new NexLLMTranscriptSegment(" Hello there.", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.75)) { Id = 3 },
            new NexLLMTranscriptWord("Hello", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.9)),
        ]);

        string json = JsonSerializer.Serialize(response, options);
        SpeechToTextResponse back = JsonSerializer.Deserialize<SpeechToTextResponse>(json, options)!;

        Assert.Equal("Hello there.", back.Text);
        NexLLMTranscriptSegment segment = Assert.IsType<NexLLMTranscriptSegment>(back.Contents[1]);
        Assert.Equal((" Hello there.", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.75), 3), (segment.Text, segment.StartTime, segment.EndTime, segment.Id));
        NexLLMTranscriptWord word = Assert.IsType<NexLLMTranscriptWord>(back.Contents[2]);
        Assert.Equal(("Hello", TimeSpan.FromSeconds(0.9)), (word.Text, word.EndTime));
        Assert.Contains("nexllm.segment", json, StringComparison.Ordinal);
    }
}
