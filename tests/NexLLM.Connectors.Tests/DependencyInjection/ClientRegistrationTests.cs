using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.DependencyInjection;

/// <summary><c>AddNexLLMChatClient</c>, <c>AddNexLLMEmbeddingGenerator</c>, <c>AddNexLLMRerankClient</c> and their keyed forms.</summary>
public sealed class ClientRegistrationTests
{
    [Fact]
    public async Task A_chat_client_is_a_singleton_pipeline_on_the_registered_client()
    {
        var handler = new VerbatimHandler().Enqueue(Reply.Json(DiTestSupport.ChatAnswer));
        var services = new ServiceCollection();
        services.AddTestClient(handler);
        services.AddNexLLMChatClient("gpt-4o-mini").UseFunctionInvocation();
        using ServiceProvider provider = services.BuildServiceProvider();

        IChatClient chat = provider.GetRequiredService<IChatClient>();
        ChatResponse response = await chat.GetResponseAsync("Hi", cancellationToken: Harness.Ct);

        Assert.Same(chat, provider.GetRequiredService<IChatClient>());
        Assert.IsType<FunctionInvokingChatClient>(chat);
        Assert.Same(provider.GetRequiredService<NexLLMClient>(), chat.GetService<NexLLMClient>());
        Assert.Equal("gpt-4o-mini", chat.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Equal("Hello from DI.", response.Text);
        Assert.Contains("\"model\":\"gpt-4o-mini\"", handler.SingleRequest.BodyText, StringComparison.Ordinal);
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(IChatClient)).Lifetime);
    }

    [Fact]
    public void Keyed_chat_clients_resolve_by_key_with_their_model_and_protocol()
    {
        var services = new ServiceCollection();
        services.AddTestClient();
        services.AddKeyedNexLLMChatClient("fast", "gpt-4o-mini");
        services.AddKeyedNexLLMChatClient("claude", "claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages);
        services.AddKeyedNexLLMChatClient("auto", "gemini-2.5-flash", NexLLMChatProtocol.Auto);
        using ServiceProvider provider = services.BuildServiceProvider();

        IChatClient fast = provider.GetRequiredKeyedService<IChatClient>("fast");
        IChatClient claude = provider.GetRequiredKeyedService<IChatClient>("claude");
        IChatClient auto = provider.GetRequiredKeyedService<IChatClient>("auto");

        Assert.Equal("gpt-4o-mini", fast.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Equal("claude-sonnet-4-5", claude.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Contains("Claude", claude.GetType().Name, StringComparison.Ordinal);
        Assert.Equal("gemini-2.5-flash", auto.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Same(claude, provider.GetRequiredKeyedService<IChatClient>("claude"));
        Assert.Null(provider.GetService<IChatClient>());
        Assert.Same(fast.GetService<NexLLMClient>(), claude.GetService<NexLLMClient>());
    }

    [Fact]
    public void A_null_key_registers_the_unkeyed_client()
    {
        var services = new ServiceCollection();
        services.AddTestClient();
        services.AddKeyedNexLLMChatClient(null, "gpt-4o-mini");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<IChatClient>());
    }

    [Fact]
    public void Embedding_generators_register_with_their_dimensions_and_protocol()
    {
        var services = new ServiceCollection();
        services.AddTestClient();
        services.AddNexLLMEmbeddingGenerator("text-embedding-3-small", dimensions: 256);
        services.AddKeyedNexLLMEmbeddingGenerator("large", "text-embedding-3-large", 1024);
        services.AddKeyedNexLLMEmbeddingGenerator("gemini", "gemini-embedding-001", NexLLMEmbeddingProtocol.GeminiEmbedContent);
        using ServiceProvider provider = services.BuildServiceProvider();

        var small = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var large = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("large");
        var gemini = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("gemini");

        Assert.Equal("text-embedding-3-small", small.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
        Assert.Equal(256, small.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions);
        Assert.Equal(1024, large.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions);
        Assert.Contains("Gemini", gemini.GetType().Name, StringComparison.Ordinal);
        Assert.Same(small, provider.GetRequiredService<IEmbeddingGenerator>());
        Assert.Same(small, provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public async Task Rerank_clients_register_unkeyed_and_keyed()
    {
        var handler = new VerbatimHandler().Enqueue(Reply.Json(
            """{"results":[{"index":1,"relevance_score":0.9},{"index":0,"relevance_score":0.1}],"usage":{"total_tokens":3}}"""));
        var services = new ServiceCollection();
        services.AddTestClient(handler);
        services.AddNexLLMRerankClient("jina-reranker-v2-base-multilingual").ConfigureOptions(o => o.TopN ??= 2);
        services.AddKeyedNexLLMRerankClient("cohere", "rerank-v3.5");
        using ServiceProvider provider = services.BuildServiceProvider();

        IRerankClient rerank = provider.GetRequiredService<IRerankClient>();
        RerankResponse response = await rerank.RerankAsync("capital", ["Berlin", "Paris"], cancellationToken: Harness.Ct);

        Assert.Equal(1, response.Results[0].Index);
        Assert.Contains("\"top_n\":2", handler.SingleRequest.BodyText, StringComparison.Ordinal);
        Assert.Equal("rerank-v3.5", provider.GetRequiredKeyedService<IRerankClient>("cohere").GetService<RerankClientMetadata>()?.DefaultModelId);
        Assert.Same(rerank.GetService<NexLLMClient>(), provider.GetRequiredService<NexLLMClient>());
    }

    [Fact]
    public void Bad_arguments_fail_at_registration_not_at_resolution()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => services.AddNexLLMChatClient(null!));
        Assert.Throws<ArgumentException>(() => services.AddNexLLMChatClient(" "));
        Assert.Throws<ArgumentException>(() => services.AddKeyedNexLLMChatClient("k", "gpt\n4"));
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddNexLLMChatClient("gpt-4o-mini", (NexLLMChatProtocol)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddNexLLMEmbeddingGenerator("text-embedding-3-small", dimensions: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddNexLLMEmbeddingGenerator("m", (NexLLMEmbeddingProtocol)9));
        Assert.Throws<ArgumentException>(() => services.AddNexLLMRerankClient(""));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddNexLLMRerankClient("rr"));
        Assert.Empty(services);
    }
}
