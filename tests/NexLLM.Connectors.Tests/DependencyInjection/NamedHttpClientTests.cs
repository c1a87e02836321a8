using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.DependencyInjection;

/// <summary>
/// The named <see cref="HttpClient"/> behind the registered client (docs/reliability.md: the client our DI registration builds is
/// configured correctly), and what becomes of a host's <c>ConfigureHttpClientDefaults(b =&gt; b.AddStandardResilienceHandler())</c>.
/// </summary>
public sealed class NamedHttpClientTests
{
    private const string Name = NexLLMClientServiceCollectionExtensions.HttpClientName;

    [Fact]
    public void The_primary_handler_never_redirects_decompresses_and_takes_the_connect_timeout()
    {
        var services = new ServiceCollection();
        services.AddTestClient(configure: o => o.ConnectTimeout = TimeSpan.FromSeconds(7));
        using ServiceProvider provider = services.BuildServiceProvider();

        var primary = Assert.IsType<SocketsHttpHandler>(provider.HandlerChain(Name)[^1]);

        Assert.False(primary.AllowAutoRedirect);
        Assert.Equal(DecompressionMethods.All, primary.AutomaticDecompression);
        Assert.Equal(TimeSpan.FromSeconds(7), primary.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), primary.PooledConnectionLifetime);
        Assert.False(primary.UseCookies);
    }

    [Fact]
    public void The_HttpClient_has_no_timeout_of_its_own()
    {
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.ConfigureHttpClient(c => c.Timeout = TimeSpan.FromSeconds(100)));
        services.AddTestClient();
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal(Timeout.InfiniteTimeSpan, provider.GetRequiredService<IHttpClientFactory>().CreateClient(Name).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(100), provider.GetRequiredService<IHttpClientFactory>().CreateClient("other").Timeout);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_host_wide_standard_resilience_handler_is_removed_from_this_client_only(bool defaultsFirst)
    {
        var services = new ServiceCollection();
        if (defaultsFirst)
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
            services.AddTestClient();
        }
        else
        {
            services.AddTestClient();
            services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        }

        services.AddHttpClient("other");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.False(provider.HandlerChain(Name).HasHandlerNamed("ResilienceHandler"));
        Assert.True(provider.HandlerChain("other").HasHandlerNamed("ResilienceHandler"));
        Assert.IsType<SocketsHttpHandler>(provider.HandlerChain(Name)[^1]);
    }

    [Fact]
    public void A_host_wide_hedging_handler_is_removed_too()
    {
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.AddStandardHedgingHandler());
        services.AddTestClient();
        services.AddHttpClient("other");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.False(provider.HandlerChain(Name).HasHandlerNamed("ResilienceHandler"));
        Assert.True(provider.HandlerChain("other").HasHandlerNamed("ResilienceHandler"));
    }

    [Fact]
    public void A_resilience_handler_added_to_this_client_on_purpose_is_kept()
    {
        var services = new ServiceCollection();
        services.AddTestClient().AddStandardResilienceHandler();
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.True(provider.HandlerChain(Name).HasHandlerNamed("ResilienceHandler"));
    }

    [Fact]
    public void A_second_registration_does_not_undo_what_was_added_to_the_first()
    {
        // An app registers the client and adds to it; a kernel builder over the same services registers it again.
        var handler = new VerbatimHandler();
        var services = new ServiceCollection();
        services.AddTestClient(handler).AddStandardResilienceHandler();
        services.AddNexLLMClient(options => options.MaxRetries = 1);
        using ServiceProvider provider = services.BuildServiceProvider();

        List<HttpMessageHandler> chain = provider.HandlerChain(Name);
        Assert.True(chain.HasHandlerNamed("ResilienceHandler"));
        Assert.Same(handler, chain[^1]);
    }

    [Fact]
    public async Task Failures_are_retried_once_by_our_transport_not_again_by_the_hosts_handler()
    {
        // The control client shows what the host-wide handler does: it retries a 503 three times on its own.
        var ours = new VerbatimHandler().EnqueueRepeated(10, () => Reply.Status(503));
        var other = new VerbatimHandler().EnqueueRepeated(10, () => Reply.Status(503));
        using var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton(logs.CreateFactory());
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o =>
        {
            o.Retry.Delay = TimeSpan.Zero;
            o.Retry.UseJitter = false;
        }));
        services.AddTestClient(ours, o => o.MaxRetries = 0);
        services.AddHttpClient("other").ConfigurePrimaryHttpMessageHandler(() => other);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<NexLLMException>(() =>
            provider.GetRequiredService<NexLLMClient>().GetChatClient("gpt-4o-mini").GetResponseAsync("Hi", cancellationToken: Harness.Ct));
        using HttpResponseMessage control = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("other")
            .GetAsync(new Uri("https://other.test/"), Harness.Ct);

        Assert.Equal(503, ex.StatusCode);
        Assert.Single(ours.Requests);
        Assert.Equal(4, other.Requests.Count);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("Microsoft.Extensions.Http.Resilience.ResilienceHandler", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slow_answer_is_not_cut_off_by_the_hosts_attempt_timeout()
    {
        // The standard handler's 10-second attempt timeout, scaled down to 200 ms; the answer takes 600 ms.
        var ours = new VerbatimHandler().Enqueue(SlowAnswerAsync);
        var other = new VerbatimHandler().Enqueue(SlowAnswerAsync).Enqueue(SlowAnswerAsync);
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(200);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(2);
            o.Retry.MaxRetryAttempts = 1;
            o.Retry.Delay = TimeSpan.Zero;
        }));
        services.AddTestClient(ours);
        services.AddHttpClient("other").ConfigurePrimaryHttpMessageHandler(() => other);
        using ServiceProvider provider = services.BuildServiceProvider();

        ChatResponse response = await provider.GetRequiredService<NexLLMClient>().GetChatClient("gpt-4o-mini")
            .GetResponseAsync("Hi", cancellationToken: Harness.Ct);
        HttpClient control = provider.GetRequiredService<IHttpClientFactory>().CreateClient("other");

        Assert.Equal("Hello from DI.", response.Text);
        await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => control.GetAsync(new Uri("https://other.test/"), Harness.Ct));
        Assert.Single(ours.Requests);
        Assert.Equal(2, other.Requests.Count);

        static async Task<Reply> SlowAnswerAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(600), cancellationToken);
            return Reply.Json(DiTestSupport.ChatAnswer);
        }
    }

    /// <summary>How a host may have set up the factory's logging for every client, or for ours.</summary>
    public static TheoryData<string> HostLogging => ["none", "RedactLoggedHeaders on every client", "RedactLoggedHeaders on ours", "AddDefaultLogger on every client"];

    [Theory]
    [MemberData(nameof(HostLogging))]
    public async Task The_factory_logs_nothing_for_this_client_so_no_header_value_reaches_a_structured_sink(string host)
    {
        var handler = new VerbatimHandler().Enqueue(Reply.Json(DiTestSupport.ChatAnswer));
        using var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton(logs.CreateFactory());
        if (host == "RedactLoggedHeaders on every client")
        {
            services.ConfigureHttpClientDefaults(http => http.RedactLoggedHeaders(["Authorization"]));
        }
        else if (host == "AddDefaultLogger on every client")
        {
            services.ConfigureHttpClientDefaults(http => http.AddDefaultLogger());
        }

        IHttpClientBuilder builder = services.AddTestClient(handler, o => o.DefaultHeaders["X-Secret-Tenant"] = "tenant-CANARY");
        services.AddHttpClient("other").ConfigurePrimaryHttpMessageHandler(() => new VerbatimHandler().Enqueue(Reply.Json("{}")));
        if (host == "RedactLoggedHeaders on ours")
        {
            builder.RedactLoggedHeaders(["Authorization"]);
        }

        using ServiceProvider provider = services.BuildServiceProvider();
        await provider.GetRequiredService<NexLLMClient>().GetChatClient("gpt-4o-mini")
            .GetResponseAsync("Hi", cancellationToken: Harness.Ct);
        using HttpResponseMessage control = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("other")
            .GetAsync(new Uri("https://other.test/"), Harness.Ct);

        // Before, the factory's "Request Headers" entries held Authorization=[Bearer sk-...] in their structured state.
        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient." + Name + ".", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Category == "NexLLM.Connectors.Transport" && e.Message.StartsWith("POST /v1/chat/completions answered 200 after ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.AllText.Contains(DiTestSupport.ApiKey["sk-".Length..], StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logs.Entries, e => e.AllText.Contains("CANARY", StringComparison.Ordinal));
        if (host != "RedactLoggedHeaders on ours")
        {
            // Another client of the host keeps the logging the host asked for: only ours is changed.
            Assert.Contains(logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient.other.", StringComparison.Ordinal));
        }
    }
}
