using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>docs/guides/dependency-injection.md.</summary>
internal static class DependencyInjectionSnippets
{
    /// <summary>The registrations, with the configuration a program's command line gives (<paramref name="args"/>).</summary>
    public static HostApplicationBuilder Register(string[] args)
    {
        // <snippet:dependency-injection>
        // appsettings.json: { "NexLLM": { "ApiKey": "sk-...", "Endpoint": "https://www.nexllm.ai/v1" } }
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddNexLLMClient(builder.Configuration);        // or AddNexLLMClient(o => o.ApiKey = key)
        builder.Services.AddNexLLMChatClient("gpt-4o-mini").UseFunctionInvocation();
        builder.Services.AddKeyedNexLLMChatClient("claude", "claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages);
        builder.Services.AddNexLLMEmbeddingGenerator("text-embedding-3-small", dimensions: 512);
        builder.Services.AddNexLLMRerankClient("jina-reranker-v2-base-multilingual");
        // </snippet:dependency-injection>

        return builder;
    }
}
