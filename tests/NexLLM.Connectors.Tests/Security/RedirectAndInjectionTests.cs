using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Security;

/// <summary>Redirects are refused, and server text cannot forge log lines or exception lines (docs/reliability.md, "safe logs").</summary>
public sealed class RedirectAndInjectionTests
{
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_refused_not_followed(int status)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(status).WithHeader("Location", "https://elsewhere.test/v1/chat/completions?sig=abc").WithHeader("X-Oneapi-Request-Id", "rid-redirect"));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

        Assert.Equal((NexLLMErrorKind.Redirect, status, false, 1, "rid-redirect"), (error.Kind, error.StatusCode, error.IsTransient, error.Attempts, error.RequestId));
        Assert.Contains("https://elsewhere.test/v1/chat/completions", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=abc", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Requests);
        Assert.True(harness.Handler.AllBodiesDisposed);
    }

    [Fact]
    public async Task A_redirect_of_a_stream_is_refused_too()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(308).WithHeader("Location", "http://plain.test/v1"));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.StreamAsync());

        Assert.Equal(NexLLMErrorKind.Redirect, error.Kind);
        Assert.Single(harness.Handler.Requests);
    }

    private const string Forged = "bad_type\r\n[Critical] forged: all keys rotated\u001b[31m";

    public static TheoryData<string> InjectionPaths => ["status error", "in-stream error", "raw json in stream", "json where a stream was asked"];

    [Theory]
    [MemberData(nameof(InjectionPaths))]
    public async Task Server_text_with_line_breaks_is_escaped_in_the_exception_and_the_logs(string path)
    {
        using var harness = new Harness(o => o.MaxRetries = 0);
        string body = $$$"""{"error":{"message":"{{{Json.Quote(Forged)[1..^1]}}}","type":"{{{Json.Quote(Forged)[1..^1]}}}","code":"c\nd"}}""";
        harness.Handler.Enqueue(path switch
        {
            "status error" => Reply.Json(body, 400),
            "in-stream error" => Reply.Sse(Sse.Events(Chunk.Text("x"), body)),
            "raw json in stream" => Reply.Sse(Sse.Events(Chunk.Text("x")) + body),
            _ => Reply.Json(body),
        });

        Exception? thrown = await Record.ExceptionAsync(() => path == "status error" ? harness.AskAsync() : harness.StreamAsync());

        var error = Assert.IsType<NexLLMException>(thrown);
        Assert.Equal("bad_type\\r\\n[Critical] forged: all keys rotated\\u001B[31m", error.ErrorType);
        Assert.Equal("c\\nd", error.ErrorCode);
        Assert.Contains("forged", error.Message, StringComparison.Ordinal);
        Assert.False(error.Message.AsSpan().IndexOfAny('\r', '\n', '\u001b') >= 0, error.Message);
        Assert.All(harness.Logs.Entries, e => Assert.False(e.Message.AsSpan().IndexOfAny('\r', '\n', '\u001b') >= 0, e.Message));
    }

    [Fact]
    public async Task A_request_id_header_with_control_characters_is_escaped()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(Chat.ChatRequestJsonTests.OkBody).WithHeader("X-Oneapi-Request-Id", "rid\u0007bell"));

        ChatResponse response = await harness.AskAsync();

        Assert.Equal("rid\\u0007bell", response.AdditionalProperties?["nexllm.request_id"]);
    }
}
