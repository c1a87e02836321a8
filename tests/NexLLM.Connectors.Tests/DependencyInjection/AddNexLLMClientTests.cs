using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.DependencyInjection;

/// <summary><c>AddNexLLMClient</c> with a delegate: one singleton client on the factory's named <see cref="HttpClient"/>.</summary>
public sealed class AddNexLLMClientTests
{
    [Fact]
    public void The_client_is_one_singleton_with_the_configured_endpoint()
    {
        var services = new ServiceCollection();
        services.AddTestClient();
        using ServiceProvider provider = services.BuildServiceProvider();

        NexLLMClient client = provider.GetRequiredService<NexLLMClient>();

        Assert.Same(client, provider.GetRequiredService<NexLLMClient>());
        Assert.Equal("https://gateway.test/v1/", client.Endpoint.AbsoluteUri);
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(NexLLMClient)).Lifetime);
    }

    [Fact]
    public async Task Requests_go_through_the_named_HttpClient_with_the_key_in_a_header()
    {
        var handler = new VerbatimHandler().Enqueue(Reply.Json(DiTestSupport.ChatAnswer));
        var services = new ServiceCollection();
        services.AddTestClient(handler);
        using ServiceProvider provider = services.BuildServiceProvider();

        ChatResponse response = await provider.GetRequiredService<NexLLMClient>().GetChatClient("gpt-4o-mini")
            .GetResponseAsync("Hi", cancellationToken: Harness.Ct);

        Assert.Equal("Hello from DI.", response.Text);
        RecordedRequest request = handler.SingleRequest;
        Assert.Equal("https://gateway.test/v1/chat/completions", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + DiTestSupport.ApiKey, request.Header("Authorization"));
    }

    [Fact]
    public void The_client_logs_no_warning_about_its_HttpClient()
    {
        using var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton(logs.CreateFactory());
        services.AddTestClient();
        using ServiceProvider provider = services.BuildServiceProvider();

        _ = provider.GetRequiredService<NexLLMClient>();

        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Warning);
    }

    [Fact]
    public void Logger_factory_and_clock_come_from_the_container_unless_the_options_set_them()
    {
        var clock = new FakeTimeProvider();
        ILoggerFactory loggers = new CapturingLoggerProvider().CreateFactory();
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton<TimeProvider>(clock);
        services.AddTestClient();
        using ServiceProvider provider = services.BuildServiceProvider();

        NexLLMClientOptions options = provider.GetRequiredService<IOptions<NexLLMClientOptions>>().Value;

        Assert.Same(loggers, options.LoggerFactory);
        Assert.Same(clock, options.TimeProvider);

        var own = new FakeTimeProvider();
        var second = new ServiceCollection();
        second.AddSingleton<TimeProvider>(clock);
        second.AddTestClient(configure: o => o.TimeProvider = own);
        using ServiceProvider secondProvider = second.BuildServiceProvider();
        Assert.Same(own, secondProvider.GetRequiredService<IOptions<NexLLMClientOptions>>().Value.TimeProvider);
    }

    [Fact]
    public async Task Transport_logs_go_to_the_container_logger_factory()
    {
        using var logs = new CapturingLoggerProvider();
        var handler = new VerbatimHandler().Enqueue(Reply.Json(DiTestSupport.ChatAnswer));
        var services = new ServiceCollection();
        services.AddSingleton(logs.CreateFactory());
        services.AddTestClient(handler);
        using ServiceProvider provider = services.BuildServiceProvider();

        _ = await provider.GetRequiredService<NexLLMClient>().GetChatClient("gpt-4o-mini").GetResponseAsync("Hi", cancellationToken: Harness.Ct);

        Assert.Contains(logs.Entries, entry => entry.Category == "NexLLM.Connectors.Transport" && entry.Message.Contains("/v1/chat/completions", StringComparison.Ordinal));
    }

    [Fact]
    public void Registering_twice_keeps_one_client_and_the_later_settings_win()
    {
        var services = new ServiceCollection();
        services.AddTestClient();
        services.AddNexLLMClient(o => o.MaxRetries = 5);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(NexLLMClient));
        Assert.Equal(5, provider.GetRequiredService<IOptions<NexLLMClientOptions>>().Value.MaxRetries);
        Assert.NotNull(provider.GetRequiredService<NexLLMClient>());
    }

    [Fact]
    public void A_NexLLMClient_registered_by_hand_is_used_by_the_registrations()
    {
        using var own = new NexLLMClient(new NexLLMClientOptions { ApiKey = DiTestSupport.ApiKey, Endpoint = DiTestSupport.Endpoint });
        var services = new ServiceCollection();
        services.AddSingleton(own);
        services.AddNexLLMChatClient("gpt-4o-mini");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<IChatClient>().GetService<NexLLMClient>());
    }

    [Fact]
    public void Without_a_registered_client_resolution_says_what_to_register()
    {
        var services = new ServiceCollection();
        services.AddNexLLMChatClient("gpt-4o-mini");
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IChatClient>());
        Assert.Contains("AddNexLLMClient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddNexLLMClient(_ => { }));
        Assert.Throws<ArgumentNullException>(() => services.AddNexLLMClient((Action<NexLLMClientOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddNexLLMClient((Microsoft.Extensions.Configuration.IConfiguration)null!));
    }
}
