using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NexLLM.Connectors.Tests.DependencyInjection;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.TextToSpeechTestData;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary><c>AddNexLLMTextToSpeechClient</c> and its keyed form, returning M.E.AI's <see cref="TextToSpeechClientBuilder"/>.</summary>
public sealed class TextToSpeechRegistrationTests
{
    [Fact]
    public async Task A_text_to_speech_client_is_a_singleton_pipeline_on_the_registered_client()
    {
        var handler = new VerbatimHandler().Enqueue(AudioReply(Mp3));
        var services = new ServiceCollection();
        services.AddTestClient(handler);
        services.AddNexLLMTextToSpeechClient(Model)
            .ConfigureOptions(o => o.VoiceId ??= "nova")
            .UseLogging()
            .UseOpenTelemetry();
        using ServiceProvider provider = services.BuildServiceProvider();

        ITextToSpeechClient client = provider.GetRequiredService<ITextToSpeechClient>();
        TextToSpeechResponse response = await client.GetAudioAsync(Text, cancellationToken: Harness.Ct);

        Assert.Same(client, provider.GetRequiredService<ITextToSpeechClient>());
        Assert.IsType<ConfigureOptionsTextToSpeechClient>(client);
        Assert.NotNull(client.GetService<OpenTelemetryTextToSpeechClient>());
        Assert.Same(provider.GetRequiredService<NexLLMClient>(), client.GetService<NexLLMClient>());
        Assert.Equal(Model, client.GetService<TextToSpeechClientMetadata>()?.DefaultModelId);
        Assert.Equal(Mp3, Assert.IsType<DataContent>(Assert.Single(response.Contents)).Data.ToArray());
        Assert.Equal("""{"model":"gpt-4o-mini-tts","input":"Hello there.","voice":"nova"}""", handler.SingleRequest.BodyText);
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(ITextToSpeechClient)).Lifetime);
    }

    [Fact]
    public void Keyed_clients_resolve_by_key_with_their_model()
    {
        var services = new ServiceCollection();
        services.AddTestClient();
        services.AddKeyedNexLLMTextToSpeechClient("hd", "tts-1-hd");
        services.AddKeyedNexLLMTextToSpeechClient("mini", "gpt-4o-mini-tts");
        services.AddKeyedNexLLMTextToSpeechClient(null, "tts-1");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("tts-1-hd", provider.GetRequiredKeyedService<ITextToSpeechClient>("hd").GetService<TextToSpeechClientMetadata>()?.DefaultModelId);
        Assert.Equal("gpt-4o-mini-tts", provider.GetRequiredKeyedService<ITextToSpeechClient>("mini").GetService<TextToSpeechClientMetadata>()?.DefaultModelId);
        Assert.Equal("tts-1", provider.GetRequiredService<ITextToSpeechClient>().GetService<TextToSpeechClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void Bad_arguments_fail_at_registration_and_a_missing_client_at_resolution()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddNexLLMTextToSpeechClient(Model));
        Assert.Throws<ArgumentException>(() => services.AddNexLLMTextToSpeechClient(" "));
        Assert.Throws<ArgumentException>(() => services.AddKeyedNexLLMTextToSpeechClient("k", "a\rb"));

        services.AddNexLLMTextToSpeechClient(Model);
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ITextToSpeechClient>());
    }
}
