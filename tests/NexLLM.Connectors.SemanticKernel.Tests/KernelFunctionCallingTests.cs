using Microsoft.SemanticKernel;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>
/// A plugin offered with <c>FunctionChoiceBehavior.Auto()</c> is really invoked when the model asks for it, on every
/// protocol and both registrations, and the kernel's auto-function-invocation filters run around it.
/// </summary>
public sealed class KernelFunctionCallingTests : EmulatorKernelTest
{
    public static TheoryData<Registration, NexLLMChatProtocol> ToolProtocols()
    {
        var data = new TheoryData<Registration, NexLLMChatProtocol>();
        foreach (Registration registration in Enum.GetValues<Registration>())
        {
            data.Add(registration, NexLLMChatProtocol.ChatCompletions);
            data.Add(registration, NexLLMChatProtocol.ClaudeMessages);
            data.Add(registration, NexLLMChatProtocol.GeminiGenerateContent);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ToolProtocols))]
    public async Task The_model_calls_the_plugin_and_answers_with_its_result(Registration registration, NexLLMChatProtocol protocol)
    {
        var plugin = new WeatherPlugin();
        var filter = new CountingFilter();
        IKernelBuilder builder = Register(KernelBuilder(), registration, protocol);
        builder.Plugins.AddFromObject(plugin, "Weather");
        Kernel kernel = builder.Build();
        kernel.AutoFunctionInvocationFilters.Add(filter);

        FunctionResult result = await kernel.InvokePromptAsync(
            "What is the weather in Paris?",
            new KernelArguments(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }),
            cancellationToken: Ct);

        Assert.Equal(["Paris"], plugin.Cities);
        Assert.Equal(["get_weather"], filter.Functions);
        Assert.Contains("18 degrees and sunny in Paris", result.ToString(), StringComparison.Ordinal);
        var requests = ChatRequests(protocol);
        Assert.Equal(2, requests.Count);
        Assert.Contains("get_weather", requests[0].BodyText, StringComparison.Ordinal);
        Assert.Contains("18 degrees and sunny in Paris", requests[1].BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ToolProtocols))]
    public async Task Streaming_calls_the_plugin_too(Registration registration, NexLLMChatProtocol protocol)
    {
        var plugin = new WeatherPlugin();
        IKernelBuilder builder = Register(KernelBuilder(), registration, protocol);
        builder.Plugins.AddFromObject(plugin, "Weather");
        Kernel kernel = builder.Build();
        var text = new System.Text.StringBuilder();

        await foreach (StreamingKernelContent chunk in kernel.InvokePromptStreamingAsync(
            "What is the weather in London?",
            new KernelArguments(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }),
            cancellationToken: Ct))
        {
            text.Append(chunk);
        }

        Assert.Equal(["London"], plugin.Cities);
        Assert.Contains("18 degrees and sunny in London", text.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, ChatRequests(protocol).Count);
    }

    [Fact]
    public async Task Without_a_function_choice_behavior_no_tool_is_offered()
    {
        var plugin = new WeatherPlugin();
        IKernelBuilder builder = KernelBuilder().AddNexLLMChatClient("gpt-4o-mini");
        builder.Plugins.AddFromObject(plugin, "Weather");
        Kernel kernel = builder.Build();

        FunctionResult result = await kernel.InvokePromptAsync("What is the weather in Paris?", cancellationToken: Ct);

        Assert.Empty(plugin.Cities);
        Assert.DoesNotContain("\"tools\"", Assert.Single(ChatRequests(NexLLMChatProtocol.ChatCompletions)).BodyText, StringComparison.Ordinal);
        Assert.Contains("weather in Paris", result.ToString(), StringComparison.Ordinal);
    }

    private sealed class CountingFilter : IAutoFunctionInvocationFilter
    {
        private readonly List<string> _functions = [];

        public IReadOnlyList<string> Functions => _functions;

        public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
        {
            _functions.Add(context.Function.Name);
            await next(context);
        }
    }
}
