namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>The conformance suite on the gateway's OpenAI audio routes (docs/protocols/audio.md).</summary>
public sealed class OpenAISpeechToTextConformanceTests : SpeechToTextClientConformanceTests
{
    protected override string Model => "whisper-1";

    protected override string StreamingModel => "gpt-4o-transcribe";

    protected override bool IsTranscriptionPath(string path) => path is "/v1/audio/transcriptions" or "/v1/audio/translations";
}
