using System.Text.Json;
using Microsoft.SemanticKernel;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>
/// <see cref="PromptExecutionSettings"/> reach the wire: SK maps the settings it knows to <c>ChatOptions</c>, and every other
/// <c>ExtensionData</c> key travels through <c>ChatOptions.AdditionalProperties</c> as a top-level request field.
/// </summary>
public sealed class PromptExecutionSettingsTests : EmulatorKernelTest
{
    [Theory]
    [InlineData(Registration.ChatClient)]
    [InlineData(Registration.ChatCompletion)]
    public async Task Known_and_unknown_settings_set_in_code_reach_the_request(Registration registration)
    {
        Kernel kernel = Register(KernelBuilder(), registration, NexLLMChatProtocol.ChatCompletions).Build();
        var settings = new PromptExecutionSettings
        {
            ModelId = "gpt-4o",
            ExtensionData = new Dictionary<string, object>
            {
                ["temperature"] = 0.25,
                ["max_tokens"] = 64,
                ["stop_sequences"] = new List<string> { "END" },
                ["user"] = "alice",
                ["top_logprobs"] = 2,
                ["logprobs"] = true,
                ["logit_bias"] = JsonSerializer.Deserialize<JsonElement>("""{"50256":-100}"""),
                ["nexllm.reserved"] = "never sent",
            },
        };

        await kernel.InvokePromptAsync("Hello!", new KernelArguments(settings), cancellationToken: Ct);

        JsonElement body = Assert.Single(ChatRequests(NexLLMChatProtocol.ChatCompletions)).ParseJson();
        Assert.Equal("gpt-4o", body.GetProperty("model").GetString());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(64, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("END", body.GetProperty("stop")[0].GetString());
        Assert.Equal("alice", body.GetProperty("user").GetString());
        Assert.Equal(2, body.GetProperty("top_logprobs").GetInt32());
        Assert.True(body.GetProperty("logprobs").GetBoolean());
        Assert.Equal(-100, body.GetProperty("logit_bias").GetProperty("50256").GetInt32());
        Assert.False(body.TryGetProperty("nexllm.reserved", out _));
    }

    [Fact]
    public async Task Settings_read_from_JSON_reach_the_request_too()
    {
        // As a prompt template's execution_settings arrive: every value a JsonElement, arrays included.
        var settings = JsonSerializer.Deserialize<PromptExecutionSettings>(
            """{"max_tokens":32,"user":"bob","top_logprobs":3,"modalities":["text"],"metadata":{"team":"blue"}}""")!;
        Kernel kernel = KernelBuilder().AddNexLLMChatCompletion("gpt-4o-mini").Build();

        await kernel.InvokePromptAsync("Hello!", new KernelArguments(settings), cancellationToken: Ct);

        JsonElement body = Assert.Single(ChatRequests(NexLLMChatProtocol.ChatCompletions)).ParseJson();
        Assert.Equal(32, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("bob", body.GetProperty("user").GetString());
        Assert.Equal(3, body.GetProperty("top_logprobs").GetInt32());
        Assert.Equal("text", body.GetProperty("modalities")[0].GetString());
        Assert.Equal("blue", body.GetProperty("metadata").GetProperty("team").GetString());
    }

    [Theory]
    [InlineData(NexLLMChatProtocol.ClaudeMessages, "/v1/messages")]
    [InlineData(NexLLMChatProtocol.GeminiGenerateContent, "/v1beta/models/gemini-2.5-flash:generateContent")]
    public async Task Unknown_keys_reach_the_native_formats_too(NexLLMChatProtocol protocol, string path)
    {
        Kernel kernel = KernelBuilder().AddNexLLMChatClient(ModelFor(protocol), protocol).Build();
        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { ["temperature"] = 0.5, ["service_tier"] = "standard_only" },
        };

        await kernel.InvokePromptAsync("Hello!", new KernelArguments(settings), cancellationToken: Ct);

        var request = Assert.Single(Emulator.Requests);
        Assert.Equal(path, request.Path);
        JsonElement body = request.ParseJson();
        Assert.Equal("standard_only", body.GetProperty("service_tier").GetString());
        JsonElement temperature = protocol == NexLLMChatProtocol.GeminiGenerateContent
            ? body.GetProperty("generationConfig").GetProperty("temperature")
            : body.GetProperty("temperature");
        Assert.Equal(0.5, temperature.GetDouble(), 3);
    }
}
