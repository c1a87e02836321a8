using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using NexLLM.Connectors;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>
/// Both packages' namespaces imported together: every registration of each is called here, so this file compiling is the
/// proof that no name is ambiguous; the assertions check each call registered what it says.
/// </summary>
public sealed class BothPackagesTogetherTests
{
    [Fact]
    public void Every_registration_of_both_packages_compiles_and_registers_its_service()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["NexLLM:ApiKey"] = "sk-both" })
            .Build();
        var services = new ServiceCollection();

        // NexLLM.Connectors (namespace Microsoft.Extensions.DependencyInjection).
        services.AddNexLLMClient(o => o.ApiKey = "sk-both");
        services.AddNexLLMClient(configuration);
        services.AddNexLLMChatClient("gpt-4o-mini");
        services.AddKeyedNexLLMChatClient("claude", "claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages);
        services.AddNexLLMEmbeddingGenerator("text-embedding-3-small", 256);
        services.AddKeyedNexLLMEmbeddingGenerator("small", "text-embedding-3-small");
        services.AddKeyedNexLLMEmbeddingGenerator("gemini", "gemini-embedding-001", NexLLMEmbeddingProtocol.GeminiEmbedContent);
        services.AddNexLLMRerankClient("jina-reranker-v2-base-multilingual");
        services.AddKeyedNexLLMRerankClient("rr", "jina-reranker-v2-base-multilingual");

        // NexLLM.Connectors.SemanticKernel (namespace Microsoft.SemanticKernel), on the service collection.
        services.AddNexLLMChatCompletion("gpt-4o", NexLLMChatProtocol.ChatCompletions, "sk-service");

        // ... and on the kernel builder.
        IKernelBuilder kernelBuilder = Kernel.CreateBuilder();
        kernelBuilder.AddNexLLMClient(o => o.ApiKey = "sk-both");
        kernelBuilder.AddNexLLMClient("sk-both");
        kernelBuilder.AddNexLLMChatClient("gpt-4o-mini", NexLLMChatProtocol.Auto, "auto");
        kernelBuilder.AddNexLLMChatCompletion("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages, "claude");
        kernelBuilder.AddNexLLMEmbeddingGenerator("text-embedding-3-small", 512, "embed");
        kernelBuilder.AddNexLLMEmbeddingGenerator("gemini-embedding-001", NexLLMEmbeddingProtocol.GeminiEmbedContent, serviceId: "gemini");

        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<IChatClient>());
        Assert.NotNull(provider.GetRequiredKeyedService<IChatClient>("claude"));
        Assert.NotNull(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.NotNull(provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("gemini"));
        Assert.NotNull(provider.GetRequiredKeyedService<IRerankClient>("rr"));
        Assert.NotNull(provider.GetRequiredKeyedService<IChatCompletionService>("sk-service"));

        Kernel kernel = kernelBuilder.Build();
        Assert.NotNull(kernel.GetRequiredService<IChatClient>("auto"));
        Assert.NotNull(kernel.GetRequiredService<IChatCompletionService>("claude"));
        Assert.NotNull(kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>("embed"));
        Assert.NotNull(kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>("gemini"));
    }
}
