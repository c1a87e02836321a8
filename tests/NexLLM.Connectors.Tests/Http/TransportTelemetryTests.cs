using System.Diagnostics;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Tests.Embeddings;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>The pieces of the transport's telemetry that need no socket (docs/telemetry.md); the rest is tested over loopback.</summary>
public sealed class TransportTelemetryTests
{
    [Theory]
    [InlineData("https://www.nexllm.ai/v1/chat/completions", "/v1/chat/completions")]
    [InlineData("https://www.nexllm.ai/v1/models", "/v1/models")]
    [InlineData("https://www.nexllm.ai/v1/realtime?model=gpt-4o-realtime-preview", "/v1/realtime")]
    [InlineData("https://www.nexllm.ai/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", "/v1beta/models/{model}:streamGenerateContent")]
    [InlineData("https://www.nexllm.ai/v1beta/models/gemini-embedding-001:batchEmbedContents", "/v1beta/models/{model}:batchEmbedContents")]
    [InlineData("https://www.nexllm.ai/v1beta/models/tuned%2Fmine%3Fx:generateContent", "/v1beta/models/{model}:generateContent")]
    [InlineData("https://gw.example/api/v1/models/gpt-4o", "/api/v1/models/{model}")]
    public void The_route_template_has_no_query_and_no_model(string uri, string template) =>
        Assert.Equal(template, TransportTelemetry.TemplateOf(new Uri(uri)));

    [Fact]
    public void Every_error_kind_is_named_as_the_enum_names_it()
    {
        foreach (NexLLMErrorKind kind in Enum.GetValues<NexLLMErrorKind>())
        {
            Assert.Equal(kind.ToString(), TransportTelemetry.KindName(kind));
        }
    }

    [Fact]
    public void Errors_that_are_not_ours_are_named_by_their_type()
    {
        Assert.Equal("System.OperationCanceledException", TransportTelemetry.ErrorTypeOf(new TaskCanceledException()));
        Assert.Equal("System.IO.IOException", TransportTelemetry.ErrorTypeOf(new IOException()));
    }

    [Fact]
    public void Tag_values_are_boxed_once()
    {
        Assert.Same(TransportTelemetry.Box(443), TransportTelemetry.Box(443));
        Assert.Same(TransportTelemetry.Box(503), TransportTelemetry.Box(503));
        Assert.Equal(50_000, TransportTelemetry.Box(50_000));
    }
}

/// <summary>With nobody listening an attempt allocates nothing for telemetry (measured alone: a listener of another test would turn it on).</summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class TransportTelemetryOverheadTests(ITestOutputHelper output)
{
    [Fact]
    public void Nobody_listening_costs_no_allocation()
    {
        var uri = new Uri("https://www.nexllm.ai/v1beta/models/gemini-2.5-flash:generateContent");
        var failure = new NexLLMException("x");
        Assert.Null(AttemptTelemetry.Start("POST", uri, null, 1, null)); // Warm-up, and nobody listens.
        Assert.False(TransportTelemetry.IsEnabled);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < 10_000; i++)
        {
            _ = AttemptTelemetry.Start("POST", uri, null, 2, failure);
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"10,000 attempts with nobody listening: {allocated} bytes, {elapsed.TotalMilliseconds * 100:0.#} ns per attempt");
        Assert.Equal(0, allocated);
    }
}
