using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Claude;

/// <summary>
/// The Claude message object carries the fields the current Messages API returns (docs/protocols/claude-messages.md#message-fields),
/// null where Anthropic sends null, in whole messages and in <c>message_start</c> / <c>message_delta</c>; our client reads
/// them unchanged.
/// </summary>
public sealed class ClaudeMessageFieldsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWholeMessage_HasStopDetailsContainerAndTheFullUsage(bool strict)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = strict }, Cancellation);
        using var gateway = new RawGateway(emulator);

        JsonElement message = (await gateway.PostAsync("/v1/messages", Body(stream: false), auth: "x-api-key")).Json();

        Assert.Equal(
            ["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "stop_details", "container", "usage"],
            message.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("stop_details").ValueKind);
        Assert.Equal(JsonValueKind.Null, message.GetProperty("container").ValueKind);
        JsonElement usage = message.GetProperty("usage");
        Assert.Equal(
            ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation", "server_tool_use", "service_tier", "inference_geo"],
            usage.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens"], usage.GetProperty("cache_creation").EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"web_search_requests":0,"web_fetch_requests":0}""", usage.GetProperty("server_tool_use").GetRawText());
        Assert.Equal(("standard", "not_available"), (usage.GetProperty("service_tier").GetString(), usage.GetProperty("inference_geo").GetString()));
    }

    [Fact]
    public async Task ARefusal_HasItsStopDetails_WholeAndStreamed()
    {
        await using var emulator = await NexLLMEmulator.StartAsync(cancellationToken: Cancellation);
        using var gateway = new RawGateway(emulator);
        emulator.Enqueue(new EmulatorReply { Refusal = "I cannot help with that." });
        emulator.Enqueue(new EmulatorReply { Refusal = "I cannot help with that." });

        JsonElement whole = (await gateway.PostAsync("/v1/messages", Body(stream: false), auth: "x-api-key")).Json();
        JsonElement delta = (await gateway.PostAsync("/v1/messages", Body(stream: true), auth: "x-api-key")).DataEvents()
            .Single(e => e.GetProperty("type").GetString() == "message_delta").GetProperty("delta");

        const string Refusal = """{"type":"refusal","category":null,"explanation":null}""";
        Assert.Equal(("refusal", Refusal), (whole.GetProperty("stop_reason").GetString(), whole.GetProperty("stop_details").GetRawText()));
        Assert.Equal(("refusal", Refusal), (delta.GetProperty("stop_reason").GetString(), delta.GetProperty("stop_details").GetRawText()));
    }

    [Fact]
    public async Task TheStream_HasThemWhereAnthropicStreamsThem()
    {
        await using var emulator = await NexLLMEmulator.StartAsync(cancellationToken: Cancellation);
        using var gateway = new RawGateway(emulator);

        IReadOnlyList<JsonElement> events = (await gateway.PostAsync("/v1/messages", Body(stream: true), auth: "x-api-key")).DataEvents();

        JsonElement start = events[0].GetProperty("message");
        Assert.Equal(JsonValueKind.Null, start.GetProperty("stop_details").ValueKind);
        Assert.False(start.TryGetProperty("container", out _));
        Assert.Equal(
            ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation", "service_tier", "inference_geo"],
            start.GetProperty("usage").EnumerateObject().Select(p => p.Name));
        JsonElement delta = events.Single(e => e.GetProperty("type").GetString() == "message_delta").GetProperty("delta");
        Assert.Equal(["stop_reason", "stop_sequence", "stop_details", "container"], delta.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, delta.GetProperty("container").ValueKind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OurClient_ReadsTheMessage_AndARefusalIsAContentFilter(bool streaming)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(cancellationToken: Cancellation);
        using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey });
        IChatClient chat = client.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages);
        emulator.Enqueue(EmulatorReply.FromText("Paris is the capital.") with { Usage = new EmulatorUsage { PromptTokens = 40, CompletionTokens = 6 } });
        emulator.Enqueue(new EmulatorReply { Refusal = "No." });

        ChatResponse answer = await Ask(chat, streaming);
        ChatResponse refusal = await Ask(chat, streaming);

        Assert.Equal(("Paris is the capital.", ChatFinishReason.Stop), (answer.Text, answer.FinishReason));
        Assert.Equal((40L, 6L), (answer.Usage?.InputTokenCount, answer.Usage?.OutputTokenCount));
        Assert.Equal(ChatFinishReason.ContentFilter, refusal.FinishReason);
    }

    private static Task<ChatResponse> Ask(IChatClient chat, bool streaming) => streaming
        ? chat.GetStreamingResponseAsync("What is the capital of France?", cancellationToken: Cancellation).ToChatResponseAsync(Cancellation)
        : chat.GetResponseAsync("What is the capital of France?", cancellationToken: Cancellation);

    private static string Body(bool stream) =>
        $$"""{"model":"claude-sonnet-4-5","max_tokens":256,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"What is the capital of France?"}]}""";
}
