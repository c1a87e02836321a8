using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Services;
using Microsoft.SemanticKernel.TextToAudio;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>
/// <c>AddNexLLMTextToAudio</c>: SK's <see cref="ITextToAudioService"/> over the NexLLM text-to-speech client. The emulator
/// has no speech route on this branch yet, so the settings and results are pinned against a scripted server that answers
/// audio bytes, as the gateway does.
/// </summary>
public sealed class KernelTextToAudioTests
{
    private static readonly byte[] Wav = [(byte)'R', (byte)'I', (byte)'F', (byte)'F', 0x24, 0x00, 0x00, 0x00, (byte)'W', (byte)'A', (byte)'V', (byte)'E'];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Settings_become_speech_options_and_the_file_one_audio_content()
    {
        var server = new ScriptedSpeech(Wav, "audio/wav");
        ITextToAudioService service = Scripted(server).GetRequiredService<ITextToAudioService>("tts");
        var settings = new PromptExecutionSettings
        {
            ModelId = "tts-1-hd",
            ExtensionData = new Dictionary<string, object>
            {
                ["voice"] = "shimmer",
                ["response_format"] = "wav",
                ["speed"] = 1.25,
                ["instructions"] = "Cheerfully.",
                ["user"] = "u-1",
            },
        };

        IReadOnlyList<AudioContent> audio = await service.GetAudioContentsAsync("Good morning.", settings, cancellationToken: Ct);

        Assert.Equal(
            """{"model":"tts-1-hd","input":"Good morning.","voice":"shimmer","instructions":"Cheerfully.","response_format":"wav","speed":1.25,"user":"u-1"}""",
            server.LastBody);
        AudioContent content = Assert.Single(audio);
        Assert.Equal(Wav, content.Data!.Value.ToArray());
        Assert.Equal("audio/wav", content.MimeType);
        Assert.Equal("tts-1-hd", content.ModelId);
        Assert.Equal("req-sk", content.Metadata?["nexllm.request_id"]);
        Assert.IsType<Microsoft.Extensions.AI.TextToSpeechResponse>(content.InnerContent);
        Assert.Equal("gpt-4o-mini-tts", service.GetModelId());
    }

    [Fact]
    public async Task Without_settings_the_default_voice_is_sent_and_mp3_comes_back()
    {
        var server = new ScriptedSpeech([0xFF, 0xFB, 0x90, 0x64], "audio/mpeg");
        ITextToAudioService service = Scripted(server).GetRequiredService<ITextToAudioService>("tts");

        AudioContent audio = await service.GetAudioContentAsync("Hi.", cancellationToken: Ct);

        Assert.Equal("""{"model":"gpt-4o-mini-tts","input":"Hi.","voice":"alloy"}""", server.LastBody);
        Assert.Equal("audio/mpeg", audio.MimeType);
    }

    [Fact]
    public async Task Settings_read_from_json_as_a_prompt_template_writes_them_are_mapped()
    {
        var server = new ScriptedSpeech([1, 2, 3, 4], "audio/pcm");
        ITextToAudioService service = Scripted(server).GetRequiredService<ITextToAudioService>("tts");
        PromptExecutionSettings settings = System.Text.Json.JsonSerializer.Deserialize<PromptExecutionSettings>(
            """{"voice":"echo","response_format":"pcm","speed":0.5}""")!;

        AudioContent audio = await service.GetAudioContentAsync("Hi.", settings, cancellationToken: Ct);

        Assert.Equal("""{"model":"gpt-4o-mini-tts","input":"Hi.","voice":"echo","response_format":"pcm","speed":0.5}""", server.LastBody);
        Assert.Equal("audio/pcm", audio.MimeType);
        Assert.Equal(24_000, audio.Metadata?["nexllm.audio.sample_rate"]);
    }

    [Fact]
    public async Task Bad_settings_and_input_are_refused_before_any_request()
    {
        var server = new ScriptedSpeech(Wav, "audio/wav");
        ITextToAudioService service = Scripted(server).GetRequiredService<ITextToAudioService>("tts");

        await Assert.ThrowsAsync<ArgumentException>(() => service.GetAudioContentsAsync("x", Settings("speed", "fast"), cancellationToken: Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => service.GetAudioContentsAsync("x", Settings("speed", 9), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => service.GetAudioContentsAsync("x", Settings("response_format", "ogg-vorbis"), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => service.GetAudioContentsAsync("x", Settings("voice", 7), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => service.GetAudioContentsAsync("", cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => service.GetAudioContentsAsync(new string('a', 4097), cancellationToken: Ct));
        Assert.Null(server.LastBody);
        Assert.Throws<ArgumentException>(() => Kernel.CreateBuilder().AddNexLLMTextToAudio(" "));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddNexLLMTextToAudio("tts-1"));
    }

    [Fact]
    public async Task An_application_container_resolves_the_service_by_id()
    {
        var server = new ScriptedSpeech(Wav, "audio/wav");
        var services = new ServiceCollection();
        services.AddSingleton(Client(server));
        services.AddKernel();
        services.AddNexLLMTextToAudio("tts-1", "speech");
        await using ServiceProvider provider = services.BuildServiceProvider();

        ITextToAudioService service = provider.GetRequiredService<Kernel>().GetRequiredService<ITextToAudioService>("speech");
        AudioContent audio = await service.GetAudioContentAsync("Hi.", new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["response_format"] = "wav" } }, cancellationToken: Ct);

        Assert.Equal("tts-1", service.GetModelId());
        Assert.Equal("https://gateway.test/v1/", service.GetEndpoint());
        Assert.Equal(Wav, audio.Data!.Value.ToArray());
        Assert.Equal("/v1/audio/speech", server.LastPath);
    }

    private static PromptExecutionSettings Settings(string key, object value) => new() { ExtensionData = new Dictionary<string, object> { [key] = value } };

    private static NexLLMClient Client(ScriptedSpeech server) => new(
        new NexLLMClientOptions { ApiKey = "sk-sktest0123456789", Endpoint = new Uri("https://gateway.test/v1") },
        new HttpClient(server) { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>A kernel whose NexLLM client sends to <paramref name="server"/>, with a text-to-audio service "tts".</summary>
    private static Kernel Scripted(ScriptedSpeech server)
    {
        IKernelBuilder builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(Client(server));
        return builder.AddNexLLMTextToAudio("gpt-4o-mini-tts", "tts").Build();
    }

    /// <summary>Answers every request with the same audio bytes and keeps the last request's body and path.</summary>
    private sealed class ScriptedSpeech(byte[] audio, string contentType) : HttpMessageHandler
    {
        public string? LastBody { get; private set; }

        public string? LastPath { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            LastPath = request.RequestUri!.AbsolutePath;
            var content = new ByteArrayContent(audio);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = content,
                Headers = { { "X-Oneapi-Request-Id", "req-sk" } },
                RequestMessage = request,
            };
        }
    }
}
