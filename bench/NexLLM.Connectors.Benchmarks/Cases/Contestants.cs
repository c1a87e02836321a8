using System.ClientModel;
using Anthropic;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Benchmarks.Floor;
using NexLLM.Connectors.Benchmarks.Replay;
using OpenAI;

namespace NexLLM.Connectors.Benchmarks.Cases;

/// <summary>
/// What every case shares: the replay server answering one scenario, and the three contestants pointed at it — ours
/// (<see cref="NexLLMClient"/>), the anchors (Microsoft.Extensions.AI.OpenAI over the OpenAI SDK, the Anthropic SDK's
/// own <c>AsIChatClient</c>) and the hand-written floor. Each contestant is built with its defaults, as a user would.
/// </summary>
public abstract class Contestants
{
    public const string ApiKey = "sk-bench-0000000000000000";

    /// <summary>The prompt every chat contestant sends.</summary>
    protected static readonly ChatMessage[] Prompt = [new(ChatRole.User, "Tell me a long story about a quick brown fox and a lazy dog.")];

    /// <summary>The JSON fields that hold the answer's text, for the floor.</summary>
    protected static readonly byte[] ContentField = "content"u8.ToArray();
    protected static readonly byte[] TextField = "text"u8.ToArray();

    private ReplayServer? _server;

    protected NexLLMClient OurSdk { get; private set; } = null!;

    protected OpenAIClient OpenAISdk { get; private set; } = null!;

    protected AnthropicClient AnthropicSdk { get; private set; } = null!;

    protected FloorClient FloorHttp { get; private set; } = null!;

    /// <summary>Gets the scenario's base URL (ends with '/'): the contestants' routes go under it.</summary>
    protected Uri Base { get; private set; } = null!;

    /// <summary>Gets the scenario: the answer the server replays (see <see cref="Scenarios"/>).</summary>
    protected abstract string Scenario { get; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await ReplayServer.StartAsync(Scenario);
        Base = _server.Base(Scenario);
        OurSdk = new NexLLMClient(new NexLLMClientOptions { Endpoint = new Uri(Base, "v1"), ApiKey = ApiKey });
        OpenAISdk = new OpenAIClient(new ApiKeyCredential(ApiKey), new OpenAIClientOptions { Endpoint = new Uri(Base, "v1") });
        AnthropicSdk = new AnthropicClient(new global::Anthropic.Core.ClientOptions { ApiKey = ApiKey, BaseUrl = Base.ToString().TrimEnd('/') });
        FloorHttp = new FloorClient();
        await CheckAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        OurSdk.Dispose();
        AnthropicSdk.Dispose();
        FloorHttp.Dispose();
        await _server!.DisposeAsync();
    }

    /// <summary>Runs every contestant once and checks that they all got the same answer: the same work is measured.</summary>
    protected abstract Task CheckAsync();

    /// <summary>Runs each chat contestant once: all must read the same text, or they would not be doing the same work.</summary>
    protected static async Task SameTextAsync(int expectedCharacters, params (string Name, Func<Task<int>> Run)[] contestants)
    {
        foreach ((string name, Func<Task<int>> run) in contestants)
        {
            Same("characters", expectedCharacters, await run(), name);
        }
    }

    protected static void Same(string what, long expected, long actual, string contestant)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"{contestant} read {actual} {what}, expected {expected}: the contestants do not do the same work.");
        }
    }

    /// <summary>What a caller does with each update: look at its text.</summary>
    protected static int TextLength(ChatResponseUpdate update)
    {
        // Indexed, not foreach: an enumerator boxed per update would be the benchmark's allocation, not the client's.
        IList<AIContent> contents = update.Contents;
        int length = 0;
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is TextContent text)
            {
                length += text.Text.Length;
            }
        }

        return length;
    }

    protected static async Task<int> StreamAsync(IChatClient client, ChatOptions? options = null)
    {
        int length = 0;
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(Prompt, options))
        {
            length += TextLength(update);
        }

        return length;
    }

    protected static async Task<int> ResponseAsync(IChatClient client, ChatOptions? options = null)
    {
        ChatResponse response = await client.GetResponseAsync(Prompt, options);
        return response.Text.Length;
    }
}
