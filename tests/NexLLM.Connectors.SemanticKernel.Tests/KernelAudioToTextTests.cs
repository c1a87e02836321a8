using Microsoft.Extensions.AI;
using TextContent = Microsoft.SemanticKernel.TextContent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.AudioToText;
using Microsoft.SemanticKernel.Services;
using Microsoft.SemanticKernel.TextToAudio;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>
/// <c>AddNexLLMAudioToText</c>: SK's <see cref="IAudioToTextService"/> over the NexLLM speech-to-text client, on the
/// emulator, whose speech (made here by SK's text-to-audio service) carries its text.
/// </summary>
public sealed class KernelAudioToTextTests : EmulatorKernelTest
{
    private const string Sentence = "Semantic Kernel hears what it said.";

    [Fact]
    public async Task What_the_text_to_audio_service_says_the_audio_to_text_service_hears()
    {
        Kernel kernel = KernelBuilder().AddNexLLMTextToAudio("tts-1").AddNexLLMAudioToText("whisper-1", "stt").Build();
        AudioContent audio = await kernel.GetRequiredService<ITextToAudioService>()
            .GetAudioContentAsync(Sentence, new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["response_format"] = "wav" } }, cancellationToken: Ct);
        IAudioToTextService service = kernel.GetRequiredService<IAudioToTextService>("stt");

        TextContent text = await service.GetTextContentAsync(audio, cancellationToken: Ct);

        Assert.Equal(Sentence, text.Text);
        Assert.Equal("whisper-1", text.ModelId);
        Assert.Equal(Emulator.Requests[^1].RequestId, text.Metadata?["nexllm.request_id"]);
        Assert.IsType<SpeechToTextResponse>(text.InnerContent);
        Assert.Equal("whisper-1", service.GetModelId());
        Assert.Equal("audio.wav", Emulator.Requests[^1].ParseMultipart().Single(p => p.Name == "file").FileName);
    }

    [Fact]
    public async Task Settings_become_the_form_fields_of_the_transcription()
    {
        Kernel kernel = KernelBuilder().AddNexLLMTextToAudio("tts-1").AddNexLLMAudioToText("whisper-1").Build();
        AudioContent audio = await kernel.GetRequiredService<ITextToAudioService>()
            .GetAudioContentAsync(Sentence, new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["response_format"] = "flac" } }, cancellationToken: Ct);
        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object>
            {
                ["language"] = "en",
                ["prompt"] = "A kernel speaks.",
                ["temperature"] = 0.5,
                ["response_format"] = "verbose_json",
                ["timestamp_granularities"] = new[] { "word" },
                ["filename"] = "kernel.flac",
                ["user"] = "u-1",
            },
        };

        TextContent text = await kernel.GetRequiredService<IAudioToTextService>().GetTextContentAsync(audio, settings, cancellationToken: Ct);

        Assert.Equal(Sentence, text.Text);
        var response = Assert.IsType<SpeechToTextResponse>(text.InnerContent);
        Assert.Equal(Sentence.Split(' '), response.Contents.OfType<NexLLMTranscriptWord>().Select(w => w.Text.Trim()));
        Assert.Equal(
            ["model=whisper-1", "language=en", "prompt=A kernel speaks.", "response_format=verbose_json", "temperature=0.5", "timestamp_granularities[]=word", "user=u-1", "file: kernel.flac (audio/flac"],
            Emulator.Requests[^1].ParseMultipart().Select(p => p.ToString().Split(", ")[0]));
    }

    [Fact]
    public async Task An_audio_content_without_bytes_and_bad_settings_are_refused_before_any_request()
    {
        Kernel kernel = KernelBuilder().AddNexLLMAudioToText("whisper-1").Build();
        IAudioToTextService service = kernel.GetRequiredService<IAudioToTextService>();
        var wav = new AudioContent(new byte[] { 1, 2, 3 }, "audio/wav");

        await Assert.ThrowsAsync<ArgumentException>(() => service.GetTextContentsAsync(new AudioContent(new Uri("https://example.test/a.wav")), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => service.GetTextContentsAsync(
            wav, new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["response_format"] = "mp3" } }, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => service.GetTextContentsAsync(
            wav, new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["temperature"] = "warm" } }, cancellationToken: Ct));
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task An_application_container_resolves_the_service_by_id()
    {
        ServiceCollection services = EmulatorServices();
        services.AddNexLLMAudioToText("gpt-4o-transcribe", "listener");
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("gpt-4o-transcribe", provider.GetRequiredKeyedService<IAudioToTextService>("listener").GetModelId());
        Assert.Null(provider.GetService<IAudioToTextService>());
    }
}
