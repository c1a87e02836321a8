using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NexLLM.Connectors.DocsTests.Support;
using NexLLM.Connectors.Emulator;
using ReadmeSnippets;

namespace NexLLM.Connectors.DocsTests;

/// <summary>
/// The README snippets that can run offline run here against the in-process emulator, as written, and do what the
/// README says they do (what would have caught the stream and the tool answer printed on one line, and the
/// scripting snippet that read a request before sending one).
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

    private static string? Model(EmulatorRequest request) => request.ParseJson().GetProperty("model").GetString();
}
