using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Services;
using Microsoft.SemanticKernel.TextGeneration;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;
using TextContent = Microsoft.SemanticKernel.TextContent;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>
/// Prompts through the <see cref="ITextGenerationService"/> over legacy completions (<c>POST /v1/completions</c>): kernels run
/// prompts on it, settings reach the request, and each choice comes back with its metadata.
/// </summary>
public sealed class KernelTextGenerationTests : EmulatorKernelTest
{
    // A second legacy completions model, served beside the emulator's gpt-3.5-turbo-instruct (strict mode refuses unlisted models).
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.Models.Add(new EmulatorModel("davinci-002", "openai", ["openai"]));
        return options;
    }

    private const string Instruct = "gpt-3.5-turbo-instruct";
    private const string Question = "What is the capital of France?";

    private List<EmulatorRequest> CompletionRequests() => [.. Emulator.Requests.Where(r => r.Path == "/v1/completions")];

    [Fact]
    public async Task A_kernel_with_only_a_text_generation_service_runs_a_prompt_on_it()
    {
        Kernel kernel = KernelBuilder().AddNexLLMTextGeneration(Instruct).Build();

        FunctionResult result = await kernel.InvokePromptAsync(Question, cancellationToken: Ct);

        Assert.StartsWith("You asked about the capital of France.", result.ToString(), StringComparison.Ordinal);
        JsonElement body = Assert.Single(CompletionRequests()).ParseJson();
        Assert.Equal((Instruct, Question), (body.GetProperty("model").GetString(), body.GetProperty("prompt").GetString()));
        Assert.Equal(Instruct, kernel.GetRequiredService<ITextGenerationService>().GetModelId());
    }

    [Fact]
    public async Task A_prompt_streams_in_several_chunks_with_the_same_text()
    {
        Kernel kernel = KernelBuilder().AddNexLLMTextGeneration(Instruct).Build();
        string whole = (await kernel.InvokePromptAsync(Question, cancellationToken: Ct)).ToString();
        var chunks = new List<string>();

        await foreach (StreamingKernelContent chunk in kernel.InvokePromptStreamingAsync(Question, cancellationToken: Ct))
        {
            if (chunk.ToString() is { Length: > 0 } text)
            {
                chunks.Add(text);
            }
        }

        Assert.True(chunks.Count > 3, $"Expected several chunks, got {chunks.Count}.");
        Assert.Equal(whole, string.Concat(chunks));
        Assert.Contains("\"stream\":true", CompletionRequests()[1].BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("instruct", Instruct)]
    [InlineData("davinci", "davinci-002")]
    public async Task A_prompt_goes_to_the_text_generation_service_its_settings_name(string serviceId, string model)
    {
        Kernel kernel = KernelBuilder()
            .AddNexLLMTextGeneration(Instruct, serviceId: "instruct")
            .AddNexLLMTextGeneration("davinci-002", serviceId: "davinci")
            .Build();

        await kernel.InvokePromptAsync("Hello!", new KernelArguments(new PromptExecutionSettings { ServiceId = serviceId }), cancellationToken: Ct);

        Assert.Equal(model, Assert.Single(CompletionRequests()).ParseJson().GetProperty("model").GetString());
        Assert.Equal(model, kernel.GetRequiredService<ITextGenerationService>(serviceId).GetModelId());
    }

    [Fact]
    public async Task Settings_set_in_code_reach_the_request_under_the_wire_names()
    {
        Kernel kernel = KernelBuilder().AddNexLLMTextGeneration(Instruct).Build();
        var settings = new PromptExecutionSettings
        {
            ModelId = "davinci-002",
            ExtensionData = new Dictionary<string, object>
            {
                ["max_tokens"] = 40,
                ["temperature"] = 0.25,
                ["top_p"] = 0.5,
                ["stop"] = "END",
                ["n"] = 2,
                ["echo"] = true,
                ["suffix"] = "!",
                ["user"] = "alice",
                ["logprobs"] = 1,
                ["seed"] = 7,
                ["presence_penalty"] = 0.5,
                ["best_of"] = 3,
                ["nexllm.reserved"] = "never sent",
            },
        };

        await kernel.InvokePromptAsync("Hello!", new KernelArguments(settings), cancellationToken: Ct);

        JsonElement body = Assert.Single(CompletionRequests()).ParseJson();
        Assert.Equal("davinci-002", body.GetProperty("model").GetString());
        Assert.Equal(40, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.5, body.GetProperty("top_p").GetDouble(), 3);
        Assert.Equal("END", body.GetProperty("stop")[0].GetString());
        Assert.Equal(2, body.GetProperty("n").GetInt32());
        Assert.True(body.GetProperty("echo").GetBoolean());
        Assert.Equal(("!", "alice"), (body.GetProperty("suffix").GetString(), body.GetProperty("user").GetString()));
        Assert.Equal((1, 7), (body.GetProperty("logprobs").GetInt32(), body.GetProperty("seed").GetInt32()));
        Assert.Equal(0.5, body.GetProperty("presence_penalty").GetDouble(), 3);
        Assert.Equal(3, body.GetProperty("best_of").GetInt32());
        Assert.False(body.TryGetProperty("nexllm.reserved", out _));
    }

    [Fact]
    public async Task OpenAI_style_settings_read_from_JSON_reach_the_request_too()
    {
        // As a prompt template's execution_settings arrive: JsonElements, OpenAI's connector names.
        var settings = JsonSerializer.Deserialize<PromptExecutionSettings>(
            """{"max_tokens":32,"stop_sequences":["\n"],"results_per_prompt":2,"logprobs":true,"top_logprobs":3,"logit_bias":{"50256":-100}}""")!;
        Kernel kernel = KernelBuilder().AddNexLLMTextGeneration(Instruct).Build();

        FunctionResult result = await kernel.InvokePromptAsync("Hello!", new KernelArguments(settings), cancellationToken: Ct);

        JsonElement body = Assert.Single(CompletionRequests()).ParseJson();
        Assert.Equal(32, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("\n", body.GetProperty("stop")[0].GetString());
        Assert.Equal(2, body.GetProperty("n").GetInt32());
        Assert.Equal(3, body.GetProperty("logprobs").GetInt32());
        Assert.False(body.TryGetProperty("top_logprobs", out _));
        Assert.Equal(-100, body.GetProperty("logit_bias").GetProperty("50256").GetInt32());
        Assert.Equal(2, result.GetValue<IReadOnlyList<TextContent>>()!.Count); // one content per choice
    }

    [Fact]
    public async Task Each_choice_is_a_text_content_with_the_model_finish_reason_usage_and_request_id()
    {
        ServiceCollection services = EmulatorServices();
        services.AddNexLLMTextGeneration(Instruct, serviceId: "text");
        await using ServiceProvider provider = services.BuildServiceProvider();
        ITextGenerationService service = provider.GetRequiredKeyedService<ITextGenerationService>("text");
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["n"] = 2, ["max_tokens"] = 3 } };

        IReadOnlyList<TextContent> contents = await service.GetTextContentsAsync(Question, settings, cancellationToken: Ct);

        Assert.Equal(2, contents.Count);
        Assert.All(contents, c => Assert.Equal(("You asked ab", Instruct), (c.Text, c.ModelId)));
        Assert.Equal([0, 1], contents.Select(c => c.Metadata!["Index"]));
        Assert.All(contents, c => Assert.Equal("length", c.Metadata!["FinishReason"]));
        Assert.True(Assert.IsType<UsageDetails>(contents[0].Metadata!["Usage"]).TotalTokenCount > 0);
        Assert.Equal(Assert.Single(CompletionRequests()).RequestId, contents[0].Metadata!["RequestId"]);
        Assert.IsType<NexLLMCompletion>(contents[0].InnerContent);
    }

    [Fact]
    public async Task Streamed_contents_carry_their_choice_index_and_the_last_one_the_request_id()
    {
        ServiceCollection services = EmulatorServices();
        services.AddNexLLMTextGeneration(Instruct);
        await using ServiceProvider provider = services.BuildServiceProvider();
        ITextGenerationService service = provider.GetRequiredService<ITextGenerationService>();
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["n"] = 2 } };
        var contents = new List<StreamingTextContent>();

        await foreach (StreamingTextContent content in service.GetStreamingTextContentsAsync(Question, settings, cancellationToken: Ct))
        {
            contents.Add(content);
        }

        string first = string.Concat(contents.Where(c => c.ChoiceIndex == 0).Select(c => c.Text));
        Assert.StartsWith("You asked about the capital of France.", first, StringComparison.Ordinal);
        Assert.Equal(first, string.Concat(contents.Where(c => c.ChoiceIndex == 1).Select(c => c.Text)));
        Assert.Equal(Assert.Single(CompletionRequests()).RequestId, contents[^1].Metadata!["RequestId"]);
        Assert.IsType<UsageDetails>(contents[^1].Metadata!["Usage"]);
    }

    [Fact]
    public async Task A_setting_of_the_wrong_type_is_an_ArgumentException_naming_it()
    {
        Kernel kernel = KernelBuilder().AddNexLLMTextGeneration(Instruct).Build();
        ITextGenerationService service = kernel.GetRequiredService<ITextGenerationService>();
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["n"] = "many" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => service.GetTextContentsAsync("Hello!", settings, kernel, Ct));

        Assert.Contains("ExtensionData[\"n\"] must be an integer", error.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public void Registrations_check_their_arguments()
    {
        Assert.Throws<ArgumentException>(() => Kernel.CreateBuilder().AddNexLLMTextGeneration(""));
        Assert.Throws<ArgumentException>(() => Kernel.CreateBuilder().AddNexLLMTextGeneration("gpt\n"));
        Assert.Throws<ArgumentNullException>(() => Kernel.CreateBuilder().AddNexLLMTextGeneration(null!));
        Assert.Throws<ArgumentNullException>(() => ((IKernelBuilder)null!).AddNexLLMTextGeneration(Instruct));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddNexLLMTextGeneration(Instruct));
    }
}
