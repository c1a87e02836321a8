using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace NexLLM.Connectors.Tests.Rerank;

/// <summary><c>AddRerankClient</c> and <c>AddKeyedRerankClient</c>, shaped like M.E.AI's <c>AddChatClient</c>.</summary>
public sealed class RerankDependencyInjectionTests
{
    [Fact]
    public void AddRerankClient_registers_the_built_pipeline_as_a_singleton_by_default()
    {
        IRerankClient inner = new Mock<IRerankClient>().Object;
        var services = new ServiceCollection();

        services.AddRerankClient(inner).ConfigureOptions(o => o.TopN = 3);
        using ServiceProvider provider = services.BuildServiceProvider();

        IRerankClient client = provider.GetRequiredService<IRerankClient>();
        Assert.IsType<ConfigureOptionsRerankClient>(client);
        Assert.Same(client, provider.GetRequiredService<IRerankClient>());
        Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services).Lifetime);
    }

    [Fact]
    public void The_factory_and_the_decorators_get_the_containers_services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new NexLLMClient(new NexLLMClientOptions { ApiKey = "sk-test" }));

        services.AddRerankClient(sp => sp.GetRequiredService<NexLLMClient>().GetRerankClient("rr"), ServiceLifetime.Scoped).UseLogging();
        using ServiceProvider provider = services.BuildServiceProvider();
        using IServiceScope scope = provider.CreateScope();

        IRerankClient client = scope.ServiceProvider.GetRequiredService<IRerankClient>();
        Assert.IsType<LoggingRerankClient>(client);
        Assert.Same(provider.GetRequiredService<NexLLMClient>(), client.GetService<NexLLMClient>());
        Assert.Equal(ServiceLifetime.Scoped, services.Single(d => d.ServiceType == typeof(IRerankClient)).Lifetime);
    }

    [Fact]
    public void Keyed_clients_resolve_by_key()
    {
        var jina = new Mock<IRerankClient>().Object;
        var cohere = new Mock<IRerankClient>().Object;
        var services = new ServiceCollection();

        services.AddKeyedRerankClient("jina", jina);
        services.AddKeyedRerankClient("cohere", _ => cohere, ServiceLifetime.Transient);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(jina, provider.GetRequiredKeyedService<IRerankClient>("jina"));
        Assert.Same(cohere, provider.GetRequiredKeyedService<IRerankClient>("cohere"));
        Assert.Null(provider.GetService<IRerankClient>());
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => services.AddRerankClient((IRerankClient)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddRerankClient((Func<IServiceProvider, IRerankClient>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddKeyedRerankClient("k", (IRerankClient)null!));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddRerankClient(_ => null!));
    }

    [Fact]
    public void UseLogging_takes_the_registered_logger_factory()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace)));

        services.AddRerankClient(new Mock<IRerankClient>().Object).UseLogging().UseOpenTelemetry();
        using ServiceProvider provider = services.BuildServiceProvider();

        IRerankClient client = provider.GetRequiredService<IRerankClient>();
        Assert.IsType<LoggingRerankClient>(client);
        Assert.NotNull(client.GetService<OpenTelemetryRerankClient>());
    }
}
