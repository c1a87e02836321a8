using System.Text;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>Memory stays bounded whatever the server sends (docs/reliability.md, "bounded memory").</summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class BodyLimitTests
{
    [Fact]
    public async Task One_64_MiB_event_over_a_1_MiB_cap_is_ResponseTooLarge_and_memory_stays_bounded()
    {
        using var harness = new Harness(o => o.MaxStreamEventBytes = 1024 * 1024);
        var body = new GeneratedStream("data: {\"choices\":[{\"delta\":{\"content\":\""u8.ToArray(), 64L * 1024 * 1024, (byte)'a');
        harness.Handler.Enqueue(Reply.Status(200).WithBody(body).WithContentType("text/event-stream"));

        long before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.StreamAsync());
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal((NexLLMErrorKind.ResponseTooLarge, false, 1), (error.Kind, error.IsTransient, error.Attempts));
        Assert.Contains("MaxStreamEventBytes", error.Message, StringComparison.Ordinal);
        Assert.InRange(body.BytesRead, 1024 * 1024, 4 * 1024 * 1024);
        Assert.True(allocated < 16L * 1024 * 1024, $"Allocated {allocated:N0} bytes reading a 64 MiB event capped at 1 MiB.");
        Assert.True(body.IsDisposed);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task An_event_just_under_the_cap_is_read()
    {
        using var harness = new Harness(o => o.MaxStreamEventBytes = 64 * 1024);
        string text = new('b', 60 * 1024);
        harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Text(text), Chunk.Finish("stop"))));

        Assert.Equal(text, UpdateText.AllText(await harness.StreamAsync()));
    }

    [Fact]
    public async Task A_non_streamed_body_over_MaxResponseBytes_is_ResponseTooLarge()
    {
        using var harness = new Harness(o => o.MaxResponseBytes = 64 * 1024);
        var body = new GeneratedStream(Encoding.UTF8.GetBytes("{\"id\":\""), 10L * 1024 * 1024, (byte)'a');
        harness.Handler.Enqueue(Reply.Status(200).WithBody(body).WithContentType("application/json"));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

        Assert.Equal((NexLLMErrorKind.ResponseTooLarge, 200, false), (error.Kind, error.StatusCode, error.IsTransient));
        Assert.InRange(body.BytesRead, 64 * 1024, 65 * 1024);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_content_length_over_MaxResponseBytes_fails_without_reading_the_body()
    {
        using var harness = new Harness(o => o.MaxResponseBytes = 64 * 1024);
        var body = new GeneratedStream([], 1024 * 1024, (byte)' ');
        harness.Handler.Enqueue(Reply.Status(200).WithBody(body).WithContentType("application/json").WithContentLength(1024 * 1024));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

        Assert.Equal(NexLLMErrorKind.ResponseTooLarge, error.Kind);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task A_body_of_exactly_MaxResponseBytes_is_accepted()
    {
        using var harness = new Harness(o => o.MaxResponseBytes = 4096);
        string padded = OkBody + new string(' ', 4096 - OkBody.Length);
        harness.Handler.Enqueue(Reply.Json(padded));

        Assert.Equal("ok", (await harness.AskAsync()).Text);
    }
}

/// <summary>Tests that measure process-wide allocations run alone.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;
