using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NexLLM.Connectors.Tests.Images;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.DependencyInjection;

/// <summary><c>AddNexLLMImageGenerator</c> and its keyed form, returning M.E.AI's <see cref="ImageGeneratorBuilder"/>.</summary>
public sealed class ImageGeneratorRegistrationTests
{
    [Fact]
    public async Task An_image_generator_is_a_singleton_pipeline_on_the_registered_client()
    {
        var handler = new VerbatimHandler().Enqueue(Reply.Json(ImageTestData.GptImageAnswer()));
        var services = new ServiceCollection();
        services.AddTestClient(handler);
        services.AddNexLLMImageGenerator("gpt-image-1")
            .ConfigureOptions(o => o.Count ??= 1)
            .UseLogging()
            .UseOpenTelemetry();
        using ServiceProvider provider = services.BuildServiceProvider();

        IImageGenerator generator = provider.GetRequiredService<IImageGenerator>();
        ImageGenerationResponse response = await generator.GenerateImagesAsync("A lighthouse", cancellationToken: Harness.Ct);

        Assert.Same(generator, provider.GetRequiredService<IImageGenerator>());
        Assert.IsType<ConfigureOptionsImageGenerator>(generator);
        Assert.NotNull(generator.GetService<OpenTelemetryImageGenerator>());
        Assert.Same(provider.GetRequiredService<NexLLMClient>(), generator.GetService<NexLLMClient>());
        Assert.Equal("gpt-image-1", generator.GetService<ImageGeneratorMetadata>()?.DefaultModelId);
        Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal("""{"model":"gpt-image-1","prompt":"A lighthouse","n":1}""", handler.SingleRequest.BodyText);
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(IImageGenerator)).Lifetime);
    }

    [Fact]
    public void Keyed_image_generators_resolve_by_key_with_their_model()
    {
        var services = new ServiceCollection();
        services.AddTestClient();
        services.AddKeyedNexLLMImageGenerator("gpt", "gpt-image-1");
        services.AddKeyedNexLLMImageGenerator("dalle", "dall-e-3");
        services.AddKeyedNexLLMImageGenerator(null, "gpt-image-1-mini");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("gpt-image-1", provider.GetRequiredKeyedService<IImageGenerator>("gpt").GetService<ImageGeneratorMetadata>()?.DefaultModelId);
        Assert.Equal("dall-e-3", provider.GetRequiredKeyedService<IImageGenerator>("dalle").GetService<ImageGeneratorMetadata>()?.DefaultModelId);
        Assert.Equal("gpt-image-1-mini", provider.GetRequiredService<IImageGenerator>().GetService<ImageGeneratorMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void Bad_arguments_fail_at_registration_and_a_missing_client_at_resolution()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddNexLLMImageGenerator("gpt-image-1"));
        Assert.Throws<ArgumentException>(() => services.AddNexLLMImageGenerator(" "));
        Assert.Throws<ArgumentException>(() => services.AddKeyedNexLLMImageGenerator("k", "a\nb"));

        services.AddNexLLMImageGenerator("gpt-image-1");
        using ServiceProvider provider = services.BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IImageGenerator>());
        Assert.Contains("AddNexLLMClient", ex.Message, StringComparison.Ordinal);
    }
}
