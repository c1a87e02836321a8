using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// A <see cref="NexLLMClient"/> wired to a <see cref="VerbatimHandler"/> and a <see cref="TestClock"/>, as the tests build
/// it: endpoint <c>https://gateway.test/v1</c>, infinite <see cref="HttpClient.Timeout"/>, every log line captured.
/// </summary>
public sealed class Harness : IDisposable
{
    public const string ApiKey = "sk-test-0123456789abcdef";

    public static readonly Uri Endpoint = new("https://gateway.test/v1");

    public Harness(Action<NexLLMClientOptions>? configure = null)
    {
        var options = new NexLLMClientOptions
        {
            ApiKey = ApiKey,
            Endpoint = Endpoint,
            TimeProvider = Clock,
            LoggerFactory = Logs.CreateFactory(),
        };
        configure?.Invoke(options);
        Http = new HttpClient(Handler) { Timeout = Timeout.InfiniteTimeSpan };
        Client = new NexLLMClient(options, Http);
    }

    public VerbatimHandler Handler { get; } = new();

    public TestClock Clock { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public HttpClient Http { get; }

    public NexLLMClient Client { get; }

    /// <summary>Gets the test's cancellation token (xunit cancels it when the run is aborted).</summary>
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public IChatClient Chat(string model = "gpt-4o-mini") => Client.GetChatClient(model);

    /// <summary>Sends one user message, non-streamed.</summary>
    public Task<ChatResponse> AskAsync(string text = "Hi", ChatOptions? options = null, CancellationToken? cancellationToken = null) =>
        Chat().GetResponseAsync([new ChatMessage(ChatRole.User, text)], options, cancellationToken ?? Ct);

    /// <summary>Sends one user message, streamed, and collects every update.</summary>
    public async Task<List<ChatResponseUpdate>> StreamAsync(string text = "Hi", ChatOptions? options = null, CancellationToken? cancellationToken = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in Chat().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, text)], options, cancellationToken ?? Ct))
        {
            updates.Add(update);
        }

        return updates;
    }

    /// <summary>
    /// Sends one message (streamed or not) whose first attempt the test scripted to fail, lets the one retry delay pass on
    /// the fake clock, checks that exactly two requests were made, and returns the delay and the answer's text.
    /// </summary>
    public async Task<(TimeSpan Delay, string Text)> CallWithOneRetryAsync(bool stream = false)
    {
        Task<string> call = stream ? StreamTextAsync() : AskTextAsync();
        TimeSpan delay = await Clock.SkipRetryDelayAsync();
        string text = await call;
        Assert.Equal(2, Handler.Requests.Count);
        return (delay, text);

        async Task<string> AskTextAsync() => (await AskAsync()).Text;

        async Task<string> StreamTextAsync() => UpdateText.AllText(await StreamAsync());
    }

    public void Dispose()
    {
        Client.Dispose();
        Http.Dispose();
        Logs.Dispose();
    }
}
