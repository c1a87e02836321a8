using Moq;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Rerank;

/// <summary><see cref="RerankClientBuilder"/>, <see cref="DelegatingRerankClient"/> and <see cref="ConfigureOptionsRerankClient"/>.</summary>
public sealed class RerankBuilderTests
{
    private static IRerankClient Recording(List<string> log, string name, IRerankClient inner) =>
        inner.AsBuilder().Use(async (query, documents, options, next, ct) =>
        {
            log.Add(name);
            return await next.RerankAsync(query, documents, options, ct);
        }).Build();

    private static Mock<IRerankClient> Inner(Action<RerankOptions?>? seen = null)
    {
        var inner = new Mock<IRerankClient>();
        inner.Setup(c => c.RerankAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<RerankOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, IEnumerable<string> _, RerankOptions? options, CancellationToken _) => seen?.Invoke(options))
            .ReturnsAsync(new RerankResponse([new RerankResult(0, 0.5)]));
        inner.Setup(c => c.GetService(typeof(RerankClientMetadata), null)).Returns(new RerankClientMetadata("test", new Uri("https://reranker.test:8443/"), "rr-1"));
        return inner;
    }

    [Fact]
    public async Task The_first_decorator_added_is_the_outermost()
    {
        var log = new List<string>();
        IRerankClient client = new RerankClientBuilder(Inner().Object)
            .Use(inner => Recording(log, "first", inner))
            .Use((inner, _) => Recording(log, "second", inner))
            .Build();

        await client.RerankAsync("q", ["d"], cancellationToken: Harness.Ct);

        Assert.Equal(["first", "second"], log);
    }

    [Fact]
    public void The_factory_receives_the_services_passed_to_Build()
    {
        var services = new Mock<IServiceProvider>().Object;
        IServiceProvider? seen = null;
        IRerankClient inner = Inner().Object;

        IRerankClient built = new RerankClientBuilder(sp =>
        {
            seen = sp;
            return inner;
        }).Build(services);

        Assert.Same(services, seen);
        Assert.Same(inner, built);
    }

    [Fact]
    public void A_factory_that_returns_null_fails_Build()
    {
        Assert.Throws<InvalidOperationException>(() => new RerankClientBuilder(_ => null!).Build());
        Assert.Throws<InvalidOperationException>(() => new RerankClientBuilder(Inner().Object).Use(_ => null!).Build());
    }

    [Fact]
    public void Decorators_answer_for_themselves_and_pass_other_requests_inward()
    {
        using var harness = new Harness();
        IRerankClient client = harness.Client.GetRerankClient("rr").AsBuilder().ConfigureOptions(_ => { }).UseOpenTelemetry().Build();

        Assert.IsType<ConfigureOptionsRerankClient>(client); // the first added is the outermost
        Assert.Same(client, client.GetService<ConfigureOptionsRerankClient>());
        Assert.NotNull(client.GetService<OpenTelemetryRerankClient>());
        Assert.NotNull(client.GetService<System.Diagnostics.ActivitySource>());
        Assert.Same(harness.Client, client.GetService<NexLLMClient>());
        Assert.Equal("rr", client.GetService<RerankClientMetadata>()?.DefaultModelId);
        Assert.Null(client.GetService<ConfigureOptionsRerankClient>("key"));
    }

    [Fact]
    public async Task ConfigureOptions_changes_a_copy_and_never_the_callers_options()
    {
        RerankOptions? seen = null;
        IRerankClient client = Inner(o => seen = o).Object.AsBuilder()
            .ConfigureOptions(o =>
            {
                o.TopN ??= 3;
                (o.AdditionalProperties ??= [])["added"] = true;
            })
            .Build();
        var callers = new RerankOptions { ModelId = "m", ReturnDocuments = true, AdditionalProperties = new() { ["mine"] = 1 } };

        await client.RerankAsync("q", ["d"], callers, Harness.Ct);

        Assert.NotNull(seen);
        Assert.NotSame(callers, seen);
        Assert.Equal((3, "m", true), (seen.TopN, seen.ModelId, seen.ReturnDocuments));
        Assert.True(seen.AdditionalProperties!.ContainsKey("added"));
        Assert.Null(callers.TopN);
        Assert.False(callers.AdditionalProperties.ContainsKey("added"));
    }

    [Fact]
    public async Task ConfigureOptions_creates_options_when_the_call_has_none()
    {
        RerankOptions? seen = null;
        IRerankClient client = Inner(o => seen = o).Object.AsBuilder().ConfigureOptions(o => o.TopN = 1).Build();

        await client.RerankAsync("q", ["d"], cancellationToken: Harness.Ct);

        Assert.Equal(1, seen?.TopN);
    }

    [Fact]
    public void Clone_copies_every_option()
    {
        Func<IRerankClient, object?> factory = _ => null;
        var options = new RerankOptions { ModelId = "m", TopN = 2, ReturnDocuments = false, AdditionalProperties = new() { ["k"] = 1 }, RawRepresentationFactory = factory };

        RerankOptions clone = options.Clone();

        Assert.Equal((options.ModelId, options.TopN, options.ReturnDocuments), (clone.ModelId, clone.TopN, clone.ReturnDocuments));
        Assert.Same(factory, clone.RawRepresentationFactory);
        Assert.NotSame(options.AdditionalProperties, clone.AdditionalProperties);
        Assert.Equal(1, clone.AdditionalProperties!["k"]);
    }

    [Fact]
    public void Disposing_a_decorator_disposes_the_inner_client()
    {
        Mock<IRerankClient> inner = Inner();

        inner.Object.AsBuilder().ConfigureOptions(_ => { }).Build().Dispose();

        inner.Verify(c => c.Dispose(), Times.Once);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new RerankClientBuilder((IRerankClient)null!));
        Assert.Throws<ArgumentNullException>(() => new RerankClientBuilder((Func<IServiceProvider, IRerankClient>)null!));
        Assert.Throws<ArgumentNullException>(() => ((IRerankClient)null!).AsBuilder());
        Assert.Throws<ArgumentNullException>(() => Inner().Object.AsBuilder().ConfigureOptions(null!));
        Assert.Throws<ArgumentNullException>(() => new RerankResponse(null!));
        Assert.Empty(new RerankResponse { Results = null! }.Results);
    }
}
