using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>Lifetimes, keyed resolution, service selection by <c>ServiceId</c>, and where the <see cref="NexLLMClient"/> comes from.</summary>
public sealed class KernelRegistrationTests : EmulatorKernelTest
{
    [Fact]
    public void Services_are_singletons_keyed_by_service_id_on_one_shared_client()
    {
        Kernel kernel = KernelBuilder()
            .AddNexLLMChatClient("gpt-4o-mini", serviceId: "fast")
            .AddNexLLMChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages, "claude")
            .AddNexLLMChatCompletion("gpt-4o", serviceId: "smart")
            .AddNexLLMEmbeddingGenerator("text-embedding-3-small", serviceId: "embed")
            .Build();

        IChatClient fast = kernel.GetRequiredService<IChatClient>("fast");
        IChatClient claude = kernel.GetRequiredService<IChatClient>("claude");
        IChatCompletionService smart = kernel.GetRequiredService<IChatCompletionService>("smart");

        Assert.Same(fast, kernel.GetRequiredService<IChatClient>("fast"));
        Assert.Same(smart, kernel.GetRequiredService<IChatCompletionService>("smart"));
        Assert.NotSame(fast, claude);
        Assert.Equal("claude-sonnet-4-5", claude.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Equal("gpt-4o", smart.GetModelId());
        NexLLMClient shared = kernel.GetRequiredService<NexLLMClient>();
        Assert.Same(shared, fast.GetService<NexLLMClient>());
        Assert.Same(shared, claude.GetService<NexLLMClient>());
        Assert.Same(shared, kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>("embed").GetService<NexLLMClient>());
        Assert.Null(kernel.Services.GetService<IChatClient>());
        Assert.Throws<KernelException>(() => kernel.GetRequiredService<IChatCompletionService>("fast"));
    }

    [Theory]
    [InlineData("fast", "/v1/chat/completions")]
    [InlineData("claude", "/v1/messages")]
    public async Task A_prompt_goes_to_the_service_its_settings_name(string serviceId, string path)
    {
        Kernel kernel = KernelBuilder()
            .AddNexLLMChatCompletion("gpt-4o-mini", serviceId: "fast")
            .AddNexLLMChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages, "claude")
            .Build();

        await kernel.InvokePromptAsync("Hello!", new KernelArguments(new PromptExecutionSettings { ServiceId = serviceId }), cancellationToken: Ct);

        Assert.Equal(path, Assert.Single(Emulator.Requests).Path);
    }

    [Fact]
    public async Task An_application_container_with_AddKernel_shares_the_services_between_kernels()
    {
        ServiceCollection services = EmulatorServices();
        services.AddNexLLMChatCompletion("gpt-4o-mini");
        services.AddKeyedNexLLMChatClient("tools", "gpt-4o-mini").UseKernelFunctionInvocation();
        services.AddKernel();
        await using ServiceProvider provider = services.BuildServiceProvider();

        Kernel first = provider.GetRequiredService<Kernel>();
        Kernel second = provider.GetRequiredService<Kernel>();
        FunctionResult result = await first.InvokePromptAsync("What is the capital of France?", cancellationToken: Ct);

        Assert.NotSame(first, second);
        Assert.Same(first.GetRequiredService<IChatCompletionService>(), second.GetRequiredService<IChatCompletionService>());
        Assert.NotNull(first.GetRequiredService<IChatClient>("tools").GetService<FunctionInvokingChatClient>());
        Assert.Contains("capital of France", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_registered_client_resolution_says_what_to_register()
    {
        Kernel kernel = Kernel.CreateBuilder().AddNexLLMChatCompletion("gpt-4o-mini").AddNexLLMChatClient("gpt-4o-mini", serviceId: "c").Build();

        var completion = Assert.Throws<InvalidOperationException>(() => kernel.GetRequiredService<IChatCompletionService>());
        var client = Assert.Throws<InvalidOperationException>(() => kernel.GetRequiredService<IChatClient>("c"));

        Assert.Contains("AddNexLLMClient", completion.Message, StringComparison.Ordinal);
        Assert.Contains("AddNexLLMClient", client.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_api_key_overload_registers_a_client_for_the_default_endpoint()
    {
        Kernel kernel = Kernel.CreateBuilder().AddNexLLMClient("sk-kernel0key").Build();

        NexLLMClient client = kernel.GetRequiredService<NexLLMClient>();

        Assert.Equal("https://www.nexllm.ai/v1/", client.Endpoint.AbsoluteUri);
    }

    [Fact]
    public void Bad_arguments_fail_at_registration()
    {
        IKernelBuilder builder = Kernel.CreateBuilder();

        Assert.Throws<ArgumentException>(() => builder.AddNexLLMChatClient(""));
        Assert.Throws<ArgumentException>(() => builder.AddNexLLMChatCompletion(" "));
        Assert.Throws<ArgumentException>(() => builder.AddNexLLMChatCompletion("gpt\n4"));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddNexLLMChatCompletion("m", (NexLLMChatProtocol)77));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddNexLLMEmbeddingGenerator("m", dimensions: -3));
        Assert.Throws<ArgumentException>(() => builder.AddNexLLMClient(apiKey: " "));
        Assert.Throws<ArgumentNullException>(() => ((IKernelBuilder)null!).AddNexLLMChatClient("m"));
        Assert.Empty(builder.Services);
    }
}
