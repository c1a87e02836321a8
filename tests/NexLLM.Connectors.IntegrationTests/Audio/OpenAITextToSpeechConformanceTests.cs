using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>The shared text-to-speech conformance suite over <c>POST /v1/audio/speech</c>, and what that route puts on the wire.</summary>
public sealed class OpenAITextToSpeechConformanceTests : TextToSpeechClientConformanceTests
{
    protected override string Model => "gpt-4o-mini-tts";

    protected override string ModelWithoutEvents => "tts-1";

    protected override bool IsSpeechPath(string path) => path == "/v1/audio/speech";

    [Fact]
    public async Task TheRequest_IsJson_WithEveryOption()
    {
        var options = new TextToSpeechOptions { VoiceId = "coral", AudioFormat = "audio/wav", Speed = 1.25f, AdditionalProperties = new() { ["user"] = "u-1" } }
            .WithSpeechInstructions("Calmly.");

        await CreateClient().GetAudioAsync(Text, options, TestCancellation);

        EmulatorRequest request = Assert.Single(SpeechRequests());
        Assert.Equal("Bearer " + Emulator.ApiKey, request.Headers["Authorization"]);
        Assert.Equal(
            $$"""{"model":"gpt-4o-mini-tts","input":"{{Text}}","voice":"coral","instructions":"Calmly.","response_format":"wav","speed":1.25,"user":"u-1"}""",
            request.BodyText);
    }

    [Fact]
    public async Task TheEventStream_IsAskedFor_WithStreamFormatSse()
    {
        var options = new TextToSpeechOptions().WithSpeechStreamFormat(NexLLMSpeechStreamFormat.Sse);

        await CollectAsync(CreateClient().GetStreamingAudioAsync(Text, options, TestCancellation));

        Assert.EndsWith("\"stream_format\":\"sse\"}", Assert.Single(SpeechRequests()).BodyText, StringComparison.Ordinal);
    }
}
