using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NexLLM.Connectors.DocsTests.Support;
using NexLLM.Connectors.Emulator;
using ReadmeSnippets;
using Xunit;

namespace NexLLM.Connectors.DocsTests;

/// <summary>
/// The README and guide snippets that can run offline run here against the in-process emulator, as written, and do what
/// the text says they do (what would have caught the stream and the tool answer printed on one line, and the scripting
/// snippet that read a request before sending one): what they print, and what reached the emulator. The guides'
/// snippets take the <c>nexllm</c> of the README's "Use it", here on an emulator. The test class of
/// docs/guides/emulator-in-tests.md (Snippets/EmulatorInTestsSnippets.cs) is an xunit class and runs on its own.
/// </summary>
public sealed class ReadmeSnippetRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Use_it_prints_the_streamed_answer_and_the_tool_answer_each_on_its_own_line()
    {
        using var console = new ConsoleCapture();

        IReadOnlyList<EmulatorRequest> requests = await UseItSnippets.UseItOnTheEmulatorAsync();

        Assert.Equal(2, console.Lines.Length);
        Assert.Contains("a joke about gateways", console.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("get_weather returned: ", console.Lines[1], StringComparison.Ordinal);
        Assert.Contains("in Paris", console.Lines[1], StringComparison.Ordinal);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, request => Assert.Equal("/v1/chat/completions", request.Path));
        Assert.True(requests[0].ParseJson().GetProperty("stream").GetBoolean());
        Assert.Contains("get_weather", requests[1].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agent_answers_both_turns_on_Claude_and_keeps_the_history()
    {
        using var console = new ConsoleCapture();

        IReadOnlyList<EmulatorRequest> requests = await AgentSnippets.TravelAgentOnTheEmulatorAsync();

        Assert.Equal(2, console.Lines.Length);
        Assert.Contains("18 °C in Paris", console.Lines[0], StringComparison.Ordinal);
        Assert.Contains("18 °C in Rome", console.Lines[1], StringComparison.Ordinal);
        Assert.Equal(4, requests.Count);   // per turn: the tool call, then the answer from its result
        Assert.All(requests, request => Assert.Equal(("/v1/messages", "claude-sonnet-4-5"), (request.Path, Model(request))));
        Assert.Contains("Paris", requests[2].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dependency_injection_registrations_start_a_host_and_reach_every_route()
    {
        // Strict (docs/emulator.md#strict-mode): what the registered clients send must be what the real services accept.
        await using NexLLMEmulator emulator = await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { Strict = true }, Ct);
        string[] args = [$"--NexLLM:Endpoint={emulator.Endpoint}", $"--NexLLM:ApiKey={emulator.ApiKey}", "--Logging:LogLevel:Default=Warning"];

        using IHost host = DependencyInjectionSnippets.Register(args).Build();
        await host.StartAsync(Ct);   // ValidateOnStart: the configuration is complete and valid
        IServiceProvider services = host.Services;
        ChatResponse gpt = await services.GetRequiredService<IChatClient>().GetResponseAsync("Hello!", cancellationToken: Ct);
        ChatResponse claude = await services.GetRequiredKeyedService<IChatClient>("claude").GetResponseAsync("Hello!", cancellationToken: Ct);
        Embedding<float> vector = await services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync("gateway", cancellationToken: Ct);
        RerankResponse ranked = await services.GetRequiredService<IRerankClient>().RerankAsync("gateway", ["a gateway", "a bridge"], cancellationToken: Ct);
        await host.StopAsync(Ct);

        Assert.NotNull(services.GetRequiredService<IChatClient>().GetService<FunctionInvokingChatClient>());
        Assert.Equal(512, vector.Vector.Length);
        Assert.Equal(2, ranked.Results.Count);
        (string, string?)[] calls =
            [("/v1/chat/completions", "gpt-4o-mini"), ("/v1/messages", "claude-sonnet-4-5"), ("/v1/embeddings", "text-embedding-3-small"), ("/v1/rerank", "jina-reranker-v2-base-multilingual")];
        Assert.Equal(calls, emulator.Requests.Select(request => (request.Path, Model(request))).ToArray());
        Assert.Contains("NexLLM emulator", gpt.Text, StringComparison.Ordinal);
        Assert.Contains("NexLLM emulator", claude.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulator_readme_starts_an_emulator_and_scripts_it_as_written()
    {
        using var console = new ConsoleCapture();

        var (hello, last, body, requestsAfterClear) = await EmulatorSnippets.StartAndScriptAsync();

        Assert.Matches(@"^http://127\.0\.0\.1:\d+/v1/?$", console.Lines[0]);
        Assert.Equal("sk-nexllmemulator0local", console.Lines[1]);
        Assert.Equal(("Hello!", ChatFinishReason.Length), (hello.Text, hello.FinishReason));
        Assert.Equal(("POST", "/v1/chat/completions"), (last.Method, last.Path));
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
        Assert.Equal(0, requestsAfterClear);
    }

    [Fact]
    public async Task The_chat_guide_asks_every_protocol_and_streams_a_conversation_on_Gemini()
    {
        await using EmulatedGateway gateway = await EmulatedGateway.StartAsync();
        using var console = new ConsoleCapture();

        await ChatSnippets.ChatOnEveryProtocolAsync(gateway.Client);

        string[] paths = [.. gateway.Emulator.Requests.Select(request => request.Path)];
        Assert.Equal(
            ["/v1/chat/completions", "/v1/responses", "/v1/messages", "/v1beta/models/gemini-2.5-flash:generateContent", "/v1/messages",
             "/v1beta/models/gemini-2.5-flash:generateContent", "/v1beta/models/gemini-2.5-flash:streamGenerateContent"],
            paths);
        Assert.Equal("claude-haiku-4-5", Model(gateway.Emulator.Requests[4]));
        Assert.All(console.Lines[..5], line => Assert.Matches(@"^[\w.-]+: stop, \d+ tokens, [1-9]\d* characters$", line));
        Assert.Contains("Italy", console.Lines[5], StringComparison.Ordinal);
        Assert.Matches(@"^5 messages; request id \S+$", console.Lines[6]);
        Assert.Equal(7, console.Lines.Length);
    }

    [Fact]
    public async Task The_tools_guide_calls_the_function_per_city_and_answers_a_call_by_hand()
    {
        await using EmulatedGateway gateway = await EmulatedGateway.StartAsync();
        using var console = new ConsoleCapture();

        await ToolsSnippets.ToolsAsync(gateway.Client);

        Assert.Contains("18 °C in Paris", console.Lines[0], StringComparison.Ordinal);
        Assert.Contains("18 °C in Rome", console.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("called get_weather(Paris), id ", console.Lines[1], StringComparison.Ordinal);
        Assert.StartsWith("called get_weather(Rome), id ", console.Lines[2], StringComparison.Ordinal);
        Assert.StartsWith("tool_calls then stop: ", console.Lines[3], StringComparison.Ordinal);
        Assert.Contains("21 °C in Lisbon", console.Lines[3], StringComparison.Ordinal);
        Assert.Equal(4, console.Lines.Length);
        string[] paths = [.. gateway.Emulator.Requests.Select(request => request.Path)];
        Assert.Equal(["/v1/messages", "/v1/messages", "/v1/chat/completions", "/v1/chat/completions"], paths);
        Assert.Equal("required", gateway.Emulator.Requests[2].ParseJson().GetProperty("tool_choice").GetString());
    }

    [Fact]
    public async Task The_structured_output_guide_reads_a_typed_answer_and_a_schema_answer()
    {
        await using EmulatedGateway gateway = await EmulatedGateway.StartAsync();
        using var console = new ConsoleCapture();

        await StructuredOutputSnippets.StructuredOutputAsync(gateway.Client);

        Assert.Matches(@"^.+, .+: 1 sight\(s\), best in month \d+$", console.Lines[0]);
        Assert.Matches(@"^city: .+, population: \d+$", console.Lines[1]);
        Assert.Equal(2, console.Lines.Length);
        JsonElement format = gateway.Emulator.Requests[0].ParseJson().GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        JsonElement claude = gateway.Emulator.Requests[1].ParseJson().GetProperty("output_config").GetProperty("format");
        Assert.Equal("json_schema", claude.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_reasoning_guide_reads_reasoning_on_every_protocol_and_keeps_Claude_signatures()
    {
        await using EmulatedGateway gateway = await EmulatedGateway.StartAsync(strict: true);
        using var console = new ConsoleCapture();

        await ReasoningSnippets.ReasoningAsync(gateway.Client);

        Assert.All(console.Lines[..4], line => Assert.Matches(@"^[1-9]\d* characters of reasoning, [1-9]\d* reasoning tokens; answer: [1-9]\d* characters$", line));
        Assert.Equal("thought of", console.Lines[4][..10]);
        Assert.EndsWith("signed: True", console.Lines[4], StringComparison.Ordinal);
        Assert.Contains("14 °C and rain in Lyon", console.Lines[^1], StringComparison.Ordinal);
        IReadOnlyList<EmulatorRequest> requests = gateway.Emulator.Requests;
        Assert.Equal("low", requests[0].ParseJson().GetProperty("reasoning_effort").GetString());
        Assert.Equal("low", requests[1].ParseJson().GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal(1024, requests[2].ParseJson().GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        // Gemini 2.5 takes a budget, not a level (docs/protocols/gemini.md#thinking-levels).
        Assert.Equal("""{"includeThoughts":true,"thinkingBudget":1024}""", requests[3].ParseJson().GetProperty("generationConfig").GetProperty("thinkingConfig").GetRawText());
        Assert.Equal(4096, requests[4].ParseJson().GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.Contains("\"signature\"", requests[5].BodyText, StringComparison.Ordinal);   // the signed thinking went back with the tool result
    }

    [Fact]
    public async Task The_prompt_caching_guide_marks_the_breakpoints_and_reports_cache_writes_then_reads()
    {
        // Strict: Claude refuses breakpoints out of TTL order (docs/emulator.md#strict-mode), and the guide's must pass.
        await using EmulatedGateway gateway = await EmulatedGateway.StartAsync(strict: true);
        gateway.Emulator.Enqueue(EmulatorReply.FromText("25 days.") with { Usage = new EmulatorUsage { PromptTokens = 5000, CacheWriteTokens = 4800 } });
        gateway.Emulator.Enqueue(EmulatorReply.FromText("Your manager.") with { Usage = new EmulatorUsage { PromptTokens = 5000, CachedTokens = 4800 } });
        using var console = new ConsoleCapture();

        await PromptCachingSnippets.PromptCachingAsync(gateway.Client, "The staff handbook. " + string.Concat(Enumerable.Repeat("Section text. ", 200)));

        Assert.Equal(["5000 input tokens: 0 read from the cache, 4800 written to it", "5000 input tokens: 4800 read from the cache, 0 written to it"], console.Lines);
        JsonElement body = gateway.Emulator.Requests[0].ParseJson();
        JsonElement system = body.GetProperty("system");
        JsonElement document = body.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("""{"type":"ephemeral","ttl":"1h"}""", system[system.GetArrayLength() - 1].GetProperty("cache_control").GetRawText());   // 1 hour, as the breakpoint after it
        // Claude merges the two user messages into one turn: the breakpoint is on the handbook's block, not the question's.
        Assert.Equal("1h", document[0].GetProperty("cache_control").GetProperty("ttl").GetString());
        Assert.False(document[1].TryGetProperty("cache_control", out _));
    }

    [Fact]
    public async Task The_rag_guide_retrieves_reranks_and_embeds_on_Gemini()
    {
        await using EmulatedGateway gateway = await EmulatedGateway.StartAsync();
        using var console = new ConsoleCapture();

        await RagSnippets.RetrieveAndRerankAsync(gateway.Client);

        Assert.Equal(3, console.Lines.Length);
        Assert.Matches(@"^0\.\d{3}  The client retries a rate-limited request twice", console.Lines[0]);
        Assert.Matches(@"^0\.\d{3}  ", console.Lines[1]);
        Assert.Equal("4 documents and a query of 768 dimensions", console.Lines[2]);
        string[] paths = [.. gateway.Emulator.Requests.Select(request => request.Path)];
        Assert.Equal(
            ["/v1/embeddings", "/v1/embeddings", "/v1/rerank", "/v1beta/models/gemini-embedding-001:batchEmbedContents", "/v1beta/models/gemini-embedding-001:embedContent"],
            paths);
        Assert.Equal(2, gateway.Emulator.Requests[2].ParseJson().GetProperty("top_n").GetInt32());
    }

    [Fact]
    public async Task The_images_guide_generates_and_edits_real_pngs()
    {
        await using EmulatedGateway gateway = await EmulatedGateway.StartAsync();
        using var console = new ConsoleCapture();

        await ImagesSnippets.GenerateAndEditAsync(gateway.Client);

        Assert.Matches(@"^generated image/png, [1-9]\d* bytes; [1-9]\d* input tokens$", console.Lines[0]);
        Assert.Matches(@"^edited image/png, [1-9]\d* bytes$", console.Lines[1]);
        Assert.Equal(["/v1/images/generations", "/v1/images/edits"], gateway.Emulator.Requests.Select(request => request.Path));
        Assert.Contains(gateway.Emulator.Requests[1].ParseMultipart(), part => part.Name == "image[]");
    }

    [Fact]
    public async Task The_audio_guide_transcribes_what_it_spoke_and_streams_speech()
    {
        await using EmulatedGateway gateway = await EmulatedGateway.StartAsync();
        using var console = new ConsoleCapture();

        await AudioSnippets.SpeakAndTranscribeAsync(gateway.Client);

        Assert.Matches(@"^audio/(wav|x-wav|vnd\.wave): [1-9]\d* bytes$", console.Lines[0]);
        Assert.Equal("The quick brown fox jumps over the lazy dog.", console.Lines[1]);
        Assert.Equal(9, console.Lines.Count(line => Regex.IsMatch(line, @"^\d+\.\d\d-\d+\.\d\d \S+$")));
        Assert.Matches(@"^streamed [1-9]\d* bytes$", console.Lines[^1]);
        Assert.Equal(["/v1/audio/speech", "/v1/audio/transcriptions", "/v1/audio/speech"], gateway.Emulator.Requests.Select(request => request.Path));
    }

    [Fact]
    public async Task The_realtime_guide_answers_a_text_turn_through_the_tool()
    {
        await using EmulatedGateway gateway = await EmulatedGateway.StartAsync();
        using var console = new ConsoleCapture();

        await RealtimeSnippets.TextTurnWithToolAsync(gateway.Client);

        Assert.Equal(2, console.Lines.Length);
        Assert.Matches(@"^ \[completed, [1-9]\d* output tokens\]$", console.Lines[0]);   // the response that asks for the call
        Assert.Contains("18 °C in Paris", console.Lines[1], StringComparison.Ordinal);
        Assert.EndsWith("output tokens]", console.Lines[1], StringComparison.Ordinal);
        Assert.Equal("/v1/realtime", Assert.Single(gateway.Emulator.Requests).Path);
    }

    [Fact]
    public async Task The_telemetry_guide_exports_the_gen_ai_and_the_transport_spans_and_metrics()
    {
        await using EmulatedGateway gateway = await EmulatedGateway.StartAsync();
        using var console = new ConsoleCapture();

        await TelemetrySnippets.TelemetryAsync(gateway.Client);

        string output = string.Join('\n', console.Lines);
        Assert.Contains("NexLLM emulator", output, StringComparison.Ordinal);
        Assert.Contains("POST /v1/chat/completions", output, StringComparison.Ordinal);   // the attempt span
        Assert.Contains("chat gpt-4o-mini", output, StringComparison.Ordinal);            // M.E.AI's gen_ai span
        Assert.Contains("nexllm.client.attempts", output, StringComparison.Ordinal);
        Assert.Contains("gen_ai.client.operation.duration", output, StringComparison.Ordinal);
    }

    private static string? Model(EmulatorRequest request) => request.ParseJson().GetProperty("model").GetString();

    /// <summary>The client of the README's "Use it" on the emulator, for the guides' snippets that take a <c>nexllm</c>.</summary>
    private sealed class EmulatedGateway : IAsyncDisposable
    {
        private EmulatedGateway(NexLLMEmulator emulator)
        {
            Emulator = emulator;
            Client = new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey });
        }

        public NexLLMEmulator Emulator { get; }

        public NexLLMClient Client { get; }

        public static async Task<EmulatedGateway> StartAsync(bool strict = false) =>
            new(await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { Strict = strict }, Ct));

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Emulator.DisposeAsync();
        }
    }
}
