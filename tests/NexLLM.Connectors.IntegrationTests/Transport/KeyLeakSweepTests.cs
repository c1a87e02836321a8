using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Transport;

/// <summary>
/// A canary key through everything a user can wire up: the client from dependency injection (the factory's named
/// <see cref="HttpClient"/>), Trace logging, M.E.AI's logging and OpenTelemetry decorators, an <see cref="ActivityListener"/>
/// on every source (the transport's own <c>NexLLM.Connectors</c> attempts included) and the tags of the transport's meter;
/// chat (streamed, tools, the three protocols), embeddings, rerank, speech and transcription, a realtime session (its
/// handshake and its error events), and error bodies that echo the key whole, in part and JSON-escaped. Every formatted
/// message, structured state value, scope, exception, activity and measurement is searched for any 8-character run of the
/// key: none may hold one.
/// </summary>
public sealed class KeyLeakSweepTests : EmulatorTest
{
    private const string Key = "sk-CANARY7f3a9c2e5b1d4068aa17";
    private const string Secret = "CANARY7f3a9c2e5b1d4068aa17";
    private const string Source = "NexLLM.Connectors.KeyLeakSweep";

    public static TheoryData<string> HostLogging => ["none", "RedactLoggedHeaders on every client", "RedactLoggedHeaders on ours"];

    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.ApiKey = Key;
        return options;
    }

    [Theory]
    [MemberData(nameof(HostLogging))]
    public async Task No_run_of_eight_key_characters_reaches_a_log_a_scope_an_exception_or_an_activity(string host)
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = static _ => true,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);
        var logs = new CapturingLoggerProvider();
        await using ServiceProvider provider = BuildServices(logs, host);
        var exceptions = new List<Exception>();

        await RunSuccessfulCallsAsync(provider);
        foreach (Func<Task> failing in FailingCalls(provider))
        {
            exceptions.Add(await Assert.ThrowsAsync<NexLLMException>(failing));
        }

        var items = new List<(string Where, string Text)>();
        items.AddRange(logs.Entries.Select(e => ($"log {e.Category}", e.Message + " | " + e.Values + " | " + e.Scopes + " | " + e.Exception)));
        items.AddRange(exceptions.Select(e => ("exception", e.ToString() + " | " + (e as NexLLMException)?.ResponseExcerpt + " | " + (e as NexLLMException)?.ErrorType + " | " + (e as NexLLMException)?.ErrorCode)));
        items.AddRange(activities.Select(a => ($"activity {a.Source.Name}", Describe(a))));
        items.AddRange(telemetry.Measurements.Select(m => ($"measurement {m.Instrument}", string.Join(" | ", m.Tags.Select(t => $"{t.Key}={t.Value}")))));

        // Enough was captured for the search to mean something: the decorators, the transport and telemetry all spoke.
        Assert.True(logs.Entries.Count(e => e.Category.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal)) >= 10, "Too few M.E.AI log entries.");
        Assert.Contains(logs.Entries, e => e.Category == "NexLLM.Connectors.Transport" && e.Message.Contains(" answered 401 ", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Exception is not null);
        Assert.True(activities.Count(a => a.Source.Name == Source) >= 10, "Too few activities.");
        Assert.Contains(activities, a => a.Source.Name == Source && a.Status == ActivityStatusCode.Error && a.StatusDescription is { Length: > 0 });

        // The transport's own attempts (docs/telemetry.md) went through the same search: successes, failures, the handshake.
        List<Activity> attempts = [.. activities.Where(a => a.Source.Name == NexLLMTelemetry.ActivitySourceName)];
        Assert.True(attempts.Count >= 20, $"Too few attempt activities: {attempts.Count}.");
        Assert.Contains(attempts, a => a.Status == ActivityStatusCode.Error && a.GetTagItem("nexllm.request_id") is string);
        Assert.Contains(attempts, a => a.DisplayName == "GET /v1/realtime");
        Assert.Contains(telemetry.Measurements, m => m.Instrument == "nexllm.client.failures");
        Assert.Equal(13, exceptions.Count);
        Assert.All(exceptions, e => Assert.Contains(SecretRedactorPlaceholder, e.Message, StringComparison.Ordinal));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{host}: searched {items.Count} items ({logs.Entries.Count} log entries with their structured state and scopes, {exceptions.Count} exceptions, {activities.Count} activities, {telemetry.Measurements.Count} measurements).");
        List<string> hits = [.. items.Where(item => KeyRuns.Longest(item.Text, Secret) >= 8)
            .Select(item => $"{item.Where}: {item.Text}")];
        Assert.True(hits.Count == 0, $"{hits.Count} of {items.Count} captured items hold 8 or more characters of the key:\n{string.Join("\n", hits.Take(5))}");
    }

    private const string SecretRedactorPlaceholder = "[REDACTED]";

    private ServiceProvider BuildServices(CapturingLoggerProvider logs, string host)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (host == "RedactLoggedHeaders on every client")
        {
            services.ConfigureHttpClientDefaults(http => http.RedactLoggedHeaders(["Authorization"]));
        }

        IHttpClientBuilder http = services.AddNexLLMClient(o =>
        {
            o.Endpoint = Emulator.Endpoint;
            o.ApiKey = Key;
            o.MaxRetries = 0;
        });
        if (host == "RedactLoggedHeaders on ours")
        {
            http.RedactLoggedHeaders(["Authorization"]);
        }

        services.AddNexLLMChatClient("gpt-4o-mini").UseFunctionInvocation().UseOpenTelemetry(sourceName: Source, configure: o => o.EnableSensitiveData = true).UseLogging();
        services.AddKeyedNexLLMChatClient("claude", "claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages)
            .UseOpenTelemetry(sourceName: Source, configure: o => o.EnableSensitiveData = true).UseLogging();
        services.AddKeyedNexLLMChatClient("gemini", "gemini-2.5-flash", NexLLMChatProtocol.GeminiGenerateContent)
            .UseOpenTelemetry(sourceName: Source, configure: o => o.EnableSensitiveData = true).UseLogging();
        services.AddNexLLMEmbeddingGenerator("text-embedding-3-small").UseOpenTelemetry(sourceName: Source).UseLogging();
        services.AddNexLLMRerankClient("jina-reranker-v2-base-multilingual").UseOpenTelemetry(sourceName: Source).UseLogging();
        services.AddNexLLMTextToSpeechClient("gpt-4o-mini-tts").UseOpenTelemetry(sourceName: Source).UseLogging();
        services.AddNexLLMSpeechToTextClient("gpt-4o-transcribe").UseOpenTelemetry(sourceName: Source).UseLogging();
        services.AddNexLLMRealtimeClient("gpt-4o-realtime-preview").UseOpenTelemetry(sourceName: Source).UseLogging();
        return services.BuildServiceProvider();
    }

    private static async Task RunSuccessfulCallsAsync(IServiceProvider provider)
    {
        IChatClient chat = provider.GetRequiredService<IChatClient>();
        var weather = new Weather();
        Assert.NotEmpty((await chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation)).Text);
        Assert.NotEmpty((await chat.GetStreamingResponseAsync("Tell me about gateways.", cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation)).Text);
        ChatResponse tool = await chat.GetResponseAsync("What is the weather in Paris? Use the get_weather tool.", new() { Tools = [weather.Function] }, TestCancellation);
        Assert.Equal(["Paris"], weather.Cities);
        Assert.NotEmpty(tool.Text);
        foreach (string protocol in new[] { "claude", "gemini" })
        {
            IChatClient native = provider.GetRequiredKeyedService<IChatClient>(protocol);
            Assert.NotEmpty((await native.GetResponseAsync("Hi.", cancellationToken: TestCancellation)).Text);
            Assert.NotEmpty((await native.GetStreamingResponseAsync("Hi.", cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation)).Text);
        }

        var embeddings = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["alpha", "beta"], cancellationToken: TestCancellation);
        Assert.Equal(2, embeddings.Count);
        RerankResponse ranked = await provider.GetRequiredService<IRerankClient>().RerankAsync("alpha", ["alpha", "beta"], cancellationToken: TestCancellation);
        Assert.Equal(2, ranked.Results.Count);
        TextToSpeechResponse speech = await provider.GetRequiredService<ITextToSpeechClient>().GetAudioAsync("Hello there.", new() { AudioFormat = "wav" }, TestCancellation);
        DataContent audio = Assert.IsType<DataContent>(Assert.Single(speech.Contents));
        SpeechToTextResponse heard = await provider.GetRequiredService<ISpeechToTextClient>().GetStreamingTextAsync(audio, cancellationToken: TestCancellation).ToSpeechToTextResponseAsync(TestCancellation);
        Assert.Equal("Hello there.", heard.Text);
        List<RealtimeServerMessage> turn = await RealtimeTurnAsync(provider);
        Assert.Contains(turn, static m => m.Type == RealtimeServerMessageType.ResponseDone);
    }

    /// <summary>One text turn of a realtime session, to its <c>response.done</c>, or to its end when the session fails.</summary>
    private static async Task<List<RealtimeServerMessage>> RealtimeTurnAsync(IServiceProvider provider)
    {
        await using IRealtimeClientSession session = await provider.GetRequiredService<IRealtimeClient>().CreateSessionAsync(
            new RealtimeSessionOptions { OutputModalities = ["text"] }, TestCancellation);
        await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("Hi.")], role: ChatRole.User)), TestCancellation);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), TestCancellation);
        var messages = new List<RealtimeServerMessage>();
        await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync(TestCancellation))
        {
            messages.Add(message);
            if (message.Type == RealtimeServerMessageType.ResponseDone)
            {
                break;
            }
        }

        return messages;
    }

    /// <summary>Calls that fail with the key echoed back: whole, a prefix, a piece of the middle, JSON-escaped, in a stream.</summary>
    private IEnumerable<Func<Task>> FailingCalls(IServiceProvider provider)
    {
        IChatClient chat = provider.GetRequiredService<IChatClient>();
        IChatClient claude = provider.GetRequiredKeyedService<IChatClient>("claude");
        IChatClient gemini = provider.GetRequiredKeyedService<IChatClient>("gemini");
        string escaped = EscapeEveryThird(Key);

        yield return Queue(EmulatorFault.OpenAIError(401, $"Invalid token {Key} ({Secret})", "new_api_error", Secret), () => chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation));
        yield return Queue(EmulatorFault.GatewayError(401, $"token {Key[..14]}... is not valid"), () => chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation));
        yield return Queue(
            EmulatorFault.Raw(400, "application/json", Encoding.UTF8.GetBytes($$$"""{"error":{"message":"token {{{escaped}}} rejected","type":"{{{escaped}}}","code":"x"}}""")),
            () => chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation));
        yield return Queue(
            EmulatorFault.StreamError(2, $$$"""{"error":{"message":"key ...{{{Secret[5..17]}}}... revoked","type":"{{{Secret[9..]}}}","code":null}}"""),
            () => chat.GetStreamingResponseAsync("Hi.", cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation));
        yield return Queue(EmulatorFault.ClaudeError(401, "authentication_error", $"invalid x-api-key ...{Secret[10..22]}..."), () => claude.GetResponseAsync("Hi.", cancellationToken: TestCancellation));
        yield return Queue(
            EmulatorFault.Status(400, $$$"""{"error":{"code":400,"message":"API key not valid: {{{Key.ToUpperInvariant()}}}","status":"INVALID_ARGUMENT"}}"""),
            () => gemini.GetStreamingResponseAsync("Hi.", cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation));
        yield return Queue(
            EmulatorFault.OpenAIError(403, $"embeddings refused for {escaped}", "new_api_error"),
            () => provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["alpha"], cancellationToken: TestCancellation));
        yield return Queue(
            EmulatorFault.Status(502, $"<html><title>Bad gateway for {Secret[3..]}</title></html>"),
            () => provider.GetRequiredService<IRerankClient>().RerankAsync("alpha", ["beta"], cancellationToken: TestCancellation));
        yield return Queue(EmulatorFault.OpenAIError(401, $"Invalid token {Key}", "new_api_error"), () => chat.GetStreamingResponseAsync("Hi.", cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation));
        yield return Queue(
            EmulatorFault.OpenAIError(401, $"Invalid token {Key}", "new_api_error"),
            () => provider.GetRequiredService<ITextToSpeechClient>().GetStreamingAudioAsync("Hi.", cancellationToken: TestCancellation).ToTextToSpeechResponseAsync(TestCancellation));
        yield return Queue(
            EmulatorFault.OpenAIError(403, $"key {escaped} is disabled", "new_api_error"),
            () => provider.GetRequiredService<ISpeechToTextClient>().GetTextAsync(new MemoryStream(Riff), cancellationToken: TestCancellation));
        yield return Queue(EmulatorFault.OpenAIError(401, $"Invalid token {Key}", "new_api_error"), () => RealtimeTurnAsync(provider));
        yield return () => RealtimeFaultTurnAsync(provider, $"stream-error=after:2; message=key {Key} ({Secret[4..16]}) is out of quota; code={Secret}; close=1011");
    }

    /// <summary>
    /// A realtime turn whose session ends with an error event echoing the key (a fault the emulator takes from the handshake's
    /// header, so from a client of its own, logging to the same providers through the same decorators).
    /// </summary>
    private async Task RealtimeFaultTurnAsync(IServiceProvider provider, string fault)
    {
        ILoggerFactory loggerFactory = provider.GetRequiredService<ILoggerFactory>();
        var options = new NexLLMClientOptions { Endpoint = Emulator.Endpoint, ApiKey = Key, LoggerFactory = loggerFactory };
        options.DefaultHeaders["X-NexLLM-Emulator-Fault"] = fault;
        using var client = new NexLLMClient(options);
        var services = new ServiceCollection()
            .AddSingleton(client.GetRealtimeClient("gpt-4o-realtime-preview").AsBuilder().UseOpenTelemetry(loggerFactory, Source).UseLogging(loggerFactory).Build())
            .BuildServiceProvider();
        await using (services.ConfigureAwait(false))
        {
            await RealtimeTurnAsync(services);
        }
    }

    /// <summary>The first bytes of a WAV file: enough for the upload to name itself; the fault answers before any transcription.</summary>
    private static byte[] Riff => "RIFF\0\0\0\0WAVEfmt "u8.ToArray();

    private Func<Task> Queue(EmulatorFault fault, Func<Task> call) => () =>
    {
        Emulator.Enqueue(fault);
        return call();
    };

    /// <summary>Everything an exporter writes out for an activity: names, status, tags, events and their tags, baggage.</summary>
    private static string Describe(Activity activity)
    {
        var text = new StringBuilder().Append(activity.DisplayName).Append(" | ").Append(activity.OperationName).Append(" | ").Append(activity.StatusDescription);
        foreach (KeyValuePair<string, object?> tag in activity.TagObjects)
        {
            text.Append(" | ").Append(CapturingLoggerProvider.Render(tag));
        }

        foreach (ActivityEvent e in activity.Events)
        {
            text.Append(" | event ").Append(e.Name);
            foreach (KeyValuePair<string, object?> tag in e.Tags)
            {
                text.Append(' ').Append(CapturingLoggerProvider.Render(tag));
            }
        }

        foreach (KeyValuePair<string, string?> item in activity.Baggage)
        {
            text.Append(" | baggage ").Append(item.Key).Append('=').Append(item.Value);
        }

        return text.ToString();
    }

    /// <summary>The key with every third character written as a JSON <c>\uXXXX</c> escape.</summary>
    private static string EscapeEveryThird(string key) =>
        string.Concat(key.Select((c, i) => i % 3 == 0 ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString()));
}
