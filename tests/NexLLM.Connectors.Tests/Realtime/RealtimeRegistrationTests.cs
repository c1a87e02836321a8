using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NexLLM.Connectors.Realtime;
using NexLLM.Connectors.Tests.DependencyInjection;

namespace NexLLM.Connectors.Tests.Realtime;

/// <summary><c>AddNexLLMRealtimeClient</c> and its keyed form, returning M.E.AI's <see cref="RealtimeClientBuilder"/>.</summary>
public sealed class RealtimeRegistrationTests
{
    [Fact]
    public void A_realtime_client_is_a_singleton_pipeline_on_the_registered_client()
    {
        var services = new ServiceCollection();
        services.AddTestClient();
        services.AddNexLLMRealtimeClient("gpt-4o-realtime-preview").UseFunctionInvocation().UseLogging().UseOpenTelemetry();
        using ServiceProvider provider = services.BuildServiceProvider();

        IRealtimeClient client = provider.GetRequiredService<IRealtimeClient>();

        Assert.Same(client, provider.GetRequiredService<IRealtimeClient>());
        Assert.IsType<FunctionInvokingRealtimeClient>(client);
        Assert.NotNull(client.GetService<OpenTelemetryRealtimeClient>());
        Assert.Same(provider.GetRequiredService<NexLLMClient>(), client.GetService<NexLLMClient>());
        Assert.Equal("gpt-4o-realtime-preview", client.GetService<OpenAIRealtimeClient>()?.Model);
        Assert.Null(client.GetService<NexLLMClient>("some key"));
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(IRealtimeClient)).Lifetime);
    }

    [Fact]
    public void Keyed_clients_resolve_by_key_with_their_model()
    {
        var services = new ServiceCollection();
        services.AddTestClient();
        services.AddKeyedNexLLMRealtimeClient("a", "model-a");
        services.AddKeyedNexLLMRealtimeClient("b", "model-b");
        services.AddKeyedNexLLMRealtimeClient(null, "model-c");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("model-a", provider.GetRequiredKeyedService<IRealtimeClient>("a").GetService<OpenAIRealtimeClient>()?.Model);
        Assert.Equal("model-b", provider.GetRequiredKeyedService<IRealtimeClient>("b").GetService<OpenAIRealtimeClient>()?.Model);
        Assert.Equal("model-c", provider.GetRequiredService<IRealtimeClient>().GetService<OpenAIRealtimeClient>()?.Model);
    }

    [Fact]
    public void Bad_arguments_fail_at_registration_and_a_missing_client_at_resolution()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddNexLLMRealtimeClient("m"));
        Assert.Throws<ArgumentException>(() => services.AddNexLLMRealtimeClient(" "));
        Assert.Throws<ArgumentException>(() => services.AddKeyedNexLLMRealtimeClient("k", "a\rb"));

        services.AddNexLLMRealtimeClient("m");
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IRealtimeClient>());
    }

    [Fact]
    public void GetRealtimeClient_checks_the_model()
    {
        using var client = new NexLLMClient("sk-test-0123456789");

        Assert.Throws<ArgumentNullException>(() => client.GetRealtimeClient(null!));
        Assert.Throws<ArgumentException>(() => client.GetRealtimeClient(""));
        Assert.Throws<ArgumentException>(() => client.GetRealtimeClient("a\nb"));
        Assert.Same(client, client.GetRealtimeClient("m").GetService<NexLLMClient>());
    }
}
