using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;

namespace NexLLM.Connectors.Tests.Security;

/// <summary>
/// A canary key driven through every failure path where a server can echo it (with or without its <c>sk-</c> prefix, which
/// the gateway strips: docs/protocols/gateway.md#authentication) appears in no exception property, no <c>ToString()</c> and no log line at any level.
/// </summary>
public sealed class SecretLeakTests
{
    private const string Canary = "sk-CANARY-7f3a9c2e5b1d4068";
    private const string Bare = "CANARY-7f3a9c2e5b1d4068";

    private static string Echo => $"key {Canary} (alias {Bare}) rejected";

    public static TheoryData<string> Paths =>
    [
        "401 OpenAI shape", "403 bare key", "500 plain text retried", "502 html title", "Claude request_id", "redirect location",
        "200 error object", "200 invalid json", "stream first event error", "stream error after content", "stream raw json error",
        "stream malformed chunk", "stream answered with json", "stream answered with html",
    ];

    private static async Task<Exception?> DriveAsync(Harness harness, string path)
    {
        string openAi = $$$"""{"error":{"message":"{{{Echo}}}","type":"{{{Canary}}}","code":"{{{Bare}}}"}}""";
        bool stream = path.StartsWith("stream", StringComparison.Ordinal);
        Reply reply = path switch
        {
            "401 OpenAI shape" => Reply.Json(openAi, 401),
            "403 bare key" => Reply.Json($$$"""{"error":{"message":"token {{{Bare}}} disabled","type":"new_api_error"}}""", 403),
            "500 plain text retried" => Reply.Status(500, Echo, "text/plain"),
            "502 html title" => Reply.Status(502, $"<html><title>{Echo}</title></html>", "text/html"),
            "Claude request_id" => Reply.Json($$"""{"type":"error","error":{"type":"authentication_error","message":"{{Echo}}"},"request_id":"{{Canary}}"}""", 401),
            "redirect location" => Reply.Status(307).WithHeader("Location", $"https://evil.test/{Canary}/{Bare}?key={Canary}"),
            "200 error object" => Reply.Json(openAi),
            "200 invalid json" => Reply.Json($"{{\"id\":\"{Canary}\",\"choices\":[{{\"message\":{{\"content\":{Bare}}}}}]}}"),
            "stream first event error" => Reply.Sse(Sse.Data(openAi)),
            "stream error after content" => Reply.Sse(Sse.Events(Chunk.Text("Hi"), openAi)),
            "stream raw json error" => Reply.Sse(Sse.Events(Chunk.Text("Hi")) + openAi),
            "stream malformed chunk" => Reply.Sse(Sse.Events(Chunk.Text("Hi"), $"{{\"id\":\"{Canary}\",{Bare}")),
            "stream answered with json" => Reply.Json(openAi),
            _ => Reply.Status(200, $"<html><title>{Echo}</title></html>", "text/html"),
        };
        harness.Handler.EnqueueRepeated(3, () => reply);
        Task<Exception?> outcome = Record.ExceptionAsync(() => stream ? harness.StreamAsync() : harness.AskAsync()).AsTask();
        await harness.Clock.SkipRetryDelaysUntilDoneAsync(outcome);
        return await outcome;
    }

    private static void AssertClean(string? text, string where)
    {
        Assert.False(text?.Contains(Bare, StringComparison.OrdinalIgnoreCase) ?? false, $"The key leaked into {where}: {text}");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task The_key_echoed_by_the_server_appears_nowhere(string path)
    {
        using var harness = new Harness(o => o.ApiKey = Canary);

        var error = Assert.IsType<NexLLMException>(await DriveAsync(harness, path));

        AssertClean(error.Message, "Message");
        AssertClean(error.ToString(), "ToString()");
        AssertClean(error.ResponseExcerpt, "ResponseExcerpt");
        AssertClean(error.ErrorType, "ErrorType");
        AssertClean(error.ErrorCode, "ErrorCode");
        AssertClean(error.RequestId, "RequestId");
        Assert.NotEmpty(harness.Logs.Entries);
        foreach (LogEntry entry in harness.Logs.Entries)
        {
            AssertClean(entry.AllText, $"a {entry.Level} log line");
        }

        // The server's text did reach the exception, redacted: the test would see a leak.
        Assert.Contains("[REDACTED]", error.Message + error.ResponseExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_travels_only_in_the_Authorization_header()
    {
        using var harness = new Harness(o =>
        {
            o.ApiKey = Canary;
            o.DefaultHeaders["Authorization"] = "Bearer someone-else";
            o.DefaultHeaders["x-api-key"] = "someone-else";
            o.DefaultHeaders["X-Team"] = "blue";
        });
        harness.Handler.Enqueue(Reply.Json(OkBody));

        await harness.AskAsync();

        RecordedRequest request = harness.Handler.SingleRequest;
        Assert.Equal("Bearer " + Canary, request.Header("Authorization"));
        Assert.Equal("blue", request.Header("X-Team"));
        Assert.Null(request.Header("x-api-key"));
        Assert.DoesNotContain(Bare, request.Uri.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(Bare, request.BodyText, StringComparison.Ordinal);
        Assert.Single(request.Headers, h => h.Value.Contains(Bare, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Success_logs_at_Trace_level_do_not_carry_the_key()
    {
        using var harness = new Harness(o => o.ApiKey = Canary);
        harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Text("Hi"), Chunk.Finish("stop"))));

        await harness.StreamAsync();

        Assert.NotEmpty(harness.Logs.Entries);
        Assert.All(harness.Logs.Entries, e => AssertClean(e.AllText, "a log line"));
    }
}
