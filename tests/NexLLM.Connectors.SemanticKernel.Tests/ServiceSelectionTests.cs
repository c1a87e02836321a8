using Microsoft.SemanticKernel;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>
/// Which chat service a prompt reaches when a kernel holds several: Semantic Kernel's own rules (its default
/// <c>IAIServiceSelector</c>), pinned here because the README's kernel example depends on them. A prompt function asks
/// for an <c>IChatCompletionService</c> first and for an <c>IChatClient</c> only when there is none; settings that name a
/// <c>ServiceId</c> take the service registered under that key, and without one SK takes the last service registered,
/// keyed or not.
/// </summary>
public sealed class ServiceSelectionTests : EmulatorKernelTest
{
    private const string Gpt = "gpt-4o-mini";
    private const string Claude = "claude-sonnet-4-5";

    [Fact]
    public async Task Without_a_service_id_a_keyed_chat_completion_service_wins_over_an_unkeyed_chat_client()
    {
        // The README's kernel before the fix: the comments promised gpt-4o-mini, SK answered from Claude.
        Kernel kernel = KernelBuilder()
            .AddNexLLMChatClient(Gpt)
            .AddNexLLMChatCompletion(Claude, NexLLMChatProtocol.ClaudeMessages, serviceId: "claude")
            .Build();

        await kernel.InvokePromptAsync("Hello!", new KernelArguments(new PromptExecutionSettings()), cancellationToken: Ct);

        AssertOneCall("/v1/messages", Claude);
    }

    [Theory]
    [InlineData(false, "/v1/messages", Claude)]
    [InlineData(true, "/v1/chat/completions", Gpt)]
    public async Task Without_a_service_id_the_last_registered_chat_client_wins_keyed_or_not(bool gptLast, string path, string model)
    {
        IKernelBuilder builder = KernelBuilder();
        if (gptLast)
        {
            builder.AddNexLLMChatClient(Claude, NexLLMChatProtocol.ClaudeMessages, serviceId: "claude").AddNexLLMChatClient(Gpt);
        }
        else
        {
            builder.AddNexLLMChatClient(Gpt).AddNexLLMChatClient(Claude, NexLLMChatProtocol.ClaudeMessages, serviceId: "claude");
        }

        await builder.Build().InvokePromptAsync("Hello!", cancellationToken: Ct);

        AssertOneCall(path, model);
    }

    [Theory]
    [InlineData("gpt", "/v1/chat/completions", Gpt)]
    [InlineData("claude", "/v1/messages", Claude)]
    public async Task The_readme_kernel_answers_from_the_service_its_settings_name(string serviceId, string path, string model)
    {
        // The registrations of the README's example, and its settings with a ServiceId.
        var plugin = new WeatherPlugin();
        IKernelBuilder builder = KernelBuilder()
            .AddNexLLMChatClient(Gpt, serviceId: "gpt")
            .AddNexLLMChatCompletion(Claude, NexLLMChatProtocol.ClaudeMessages, serviceId: "claude")
            .AddNexLLMEmbeddingGenerator("text-embedding-3-small");
        builder.Plugins.AddFromObject(plugin, "Weather");
        Kernel kernel = builder.Build();
        var settings = new PromptExecutionSettings { ServiceId = serviceId, FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

        FunctionResult answer = await kernel.InvokePromptAsync("What is the weather in Paris?", new KernelArguments(settings), cancellationToken: Ct);

        Assert.Equal(["Paris"], plugin.Cities);
        Assert.Contains("18 degrees and sunny in Paris", answer.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, Emulator.Requests.Count);
        Assert.All(Emulator.Requests, request => AssertCall(request, path, model));
    }

    private void AssertOneCall(string path, string model) => AssertCall(Assert.Single(Emulator.Requests), path, model);

    private static void AssertCall(EmulatorRequest request, string path, string model)
    {
        Assert.Equal(path, request.Path);
        Assert.Equal(model, request.ParseJson().GetProperty("model").GetString());
    }
}
