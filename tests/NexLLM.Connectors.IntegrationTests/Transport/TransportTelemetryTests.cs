using System.Diagnostics;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Transport;

/// <summary>
/// What the transport's <c>NexLLM.Connectors</c> activity source and meter report over real sockets (docs/telemetry.md):
/// one client activity per attempt with the OpenTelemetry HTTP attributes, the attempt, retry and failure counters, the
/// attempt duration and the time to a stream's first event or byte; never a key, a prompt or a model in a route.
/// </summary>
public sealed class TransportTelemetryTests : EmulatorTest
{
    private const string Key = "sk-CANARY0telemetry0a1b2c3d4e5f";
    private const string Prompt = "PROMPT-CANARY tell me about lighthouses";

    private static readonly Dictionary<string, string> RetryAtOnce = new() { ["retry-after-ms"] = "10" };

    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.ApiKey = Key;
        return options;
    }

    [Fact]
    public async Task A_call_is_one_client_activity_with_the_http_attributes_and_one_attempt_measured()
    {
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);

        ChatResponse response = await Client.GetChatClient("gpt-4o-mini").GetResponseAsync(Prompt, cancellationToken: TestCancellation);

        Activity activity = Assert.Single(telemetry.Activities);
        Assert.Equal("POST /v1/chat/completions", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal("POST", activity.GetTagItem("http.request.method"));
        Assert.Equal("/v1/chat/completions", activity.GetTagItem("url.template"));
        Assert.Equal("127.0.0.1", activity.GetTagItem("server.address"));
        Assert.Equal(Emulator.Endpoint.Port, activity.GetTagItem("server.port"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(response.AdditionalProperties?["nexllm.request_id"], activity.GetTagItem("nexllm.request_id"));
        Assert.Null(activity.GetTagItem("http.request.resend_count"));
        Assert.Null(activity.GetTagItem("error.type"));

        TransportTelemetryRecorder.Measurement attempts = Assert.Single(telemetry.Of("nexllm.client.attempts"));
        Assert.Equal(1, attempts.Value);
        TransportTelemetryRecorder.Measurement duration = Assert.Single(telemetry.Of("nexllm.client.attempt.duration"));
        Assert.Equal("s", duration.Unit);
        Assert.InRange(duration.Value, 0, activity.Duration.TotalSeconds + 1);
        Assert.Equal(200, duration["http.response.status_code"]);
        Assert.Equal("/v1/chat/completions", duration["url.template"]);
        Assert.Null(duration["error.type"]);
        Assert.Empty(telemetry.Of("nexllm.client.retries"));
        Assert.Empty(telemetry.Of("nexllm.client.failures"));
    }

    [Fact]
    public async Task A_503_then_a_success_is_two_attempt_activities_and_one_retry()
    {
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);
        Emulator.Enqueue(EmulatorFault.OpenAIError(503, "Upstream overloaded.", "upstream_error", headers: RetryAtOnce));

        await Client.GetChatClient("gpt-4o-mini").GetResponseAsync(Prompt, cancellationToken: TestCancellation);

        Assert.Collection(
            telemetry.Activities,
            first =>
            {
                Assert.Equal(ActivityStatusCode.Error, first.Status);
                Assert.Equal("HttpStatus", first.StatusDescription);
                Assert.Equal("HttpStatus", first.GetTagItem("error.type"));
                Assert.Equal(503, first.GetTagItem("http.response.status_code"));
                Assert.NotNull(first.GetTagItem("nexllm.request_id"));
                Assert.Null(first.GetTagItem("http.request.resend_count"));
            },
            second =>
            {
                Assert.Equal(ActivityStatusCode.Unset, second.Status);
                Assert.Equal(200, second.GetTagItem("http.response.status_code"));
                Assert.Equal(1, second.GetTagItem("http.request.resend_count"));
                Assert.Equal("HttpStatus", second.GetTagItem("nexllm.retry_reason"));
            });

        Assert.Equal(2, telemetry.Of("nexllm.client.attempts").Sum(m => m.Value));
        TransportTelemetryRecorder.Measurement retry = Assert.Single(telemetry.Of("nexllm.client.retries"));
        Assert.Equal("HttpStatus", retry["error.type"]);
        Assert.Equal(503, retry["http.response.status_code"]);
        Assert.Equal(["HttpStatus", null], telemetry.Of("nexllm.client.attempt.duration").Select(m => m["error.type"]));
        Assert.Empty(telemetry.Of("nexllm.client.failures"));
    }

    [Fact]
    public async Task A_stream_reports_its_first_event_and_ends_its_attempt_when_it_ends()
    {
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);

        var updates = 0;
        await foreach (ChatResponseUpdate update in Client.GetChatClient("gpt-4o-mini").GetStreamingResponseAsync(Prompt, cancellationToken: TestCancellation))
        {
            updates++;
            Assert.Empty(telemetry.Activities); // The attempt lasts as long as its stream.
        }

        Assert.True(updates > 1);
        Activity activity = Assert.Single(telemetry.Activities);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        ActivityEvent first = Assert.Single(activity.Events);
        Assert.Equal("nexllm.first_event", first.Name);
        TransportTelemetryRecorder.Measurement ttfe = Assert.Single(telemetry.Of("nexllm.client.time_to_first_event"));
        Assert.Equal("s", ttfe.Unit);
        Assert.InRange(ttfe.Value, 0, (first.Timestamp - activity.StartTimeUtc).TotalSeconds + 0.05);
        Assert.Equal("/v1/chat/completions", ttfe["url.template"]);
        TransportTelemetryRecorder.Measurement duration = Assert.Single(telemetry.Of("nexllm.client.attempt.duration"));
        Assert.True(duration.Value >= ttfe.Value);
        Assert.Empty(telemetry.Of("nexllm.client.time_to_first_byte"));
    }

    [Fact]
    public async Task A_refused_call_is_one_failure_of_its_kind()
    {
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);
        Emulator.Enqueue(EmulatorFault.OpenAIError(400, "Bad request.", "invalid_request_error"));

        NexLLMException error = await Assert.ThrowsAsync<NexLLMException>(
            () => Client.GetChatClient("gpt-4o-mini").GetResponseAsync(Prompt, cancellationToken: TestCancellation));

        Activity activity = Assert.Single(telemetry.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("HttpStatus", activity.GetTagItem("error.type"));
        Assert.Equal(400, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(error.RequestId, activity.GetTagItem("nexllm.request_id"));
        TransportTelemetryRecorder.Measurement failure = Assert.Single(telemetry.Of("nexllm.client.failures"));
        Assert.Equal(1, failure.Value);
        Assert.Equal("HttpStatus", failure["error.type"]);
        Assert.Equal(400, failure["http.response.status_code"]);
    }

    [Fact]
    public async Task An_error_inside_a_stream_after_content_fails_the_attempt_that_carried_the_stream()
    {
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);
        Emulator.Enqueue(EmulatorFault.StreamError(3));

        NexLLMException error = await Assert.ThrowsAsync<NexLLMException>(
            () => Client.GetChatClient("gpt-4o-mini").GetStreamingResponseAsync(Prompt, cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation));

        Assert.Equal(NexLLMErrorKind.InStreamError, error.Kind);
        Activity activity = Assert.Single(telemetry.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("InStreamError", activity.GetTagItem("error.type"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(["InStreamError"], telemetry.Of("nexllm.client.failures").Select(m => m["error.type"]));
        Assert.Equal(["InStreamError"], telemetry.Of("nexllm.client.attempt.duration").Select(m => m["error.type"]));
        Assert.Single(telemetry.Of("nexllm.client.time_to_first_event"));
    }

    [Fact]
    public async Task A_gemini_route_is_reported_by_its_template_without_the_model()
    {
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);

        await Client.GetChatClient("gemini-2.5-flash", NexLLMChatProtocol.GeminiGenerateContent)
            .GetStreamingResponseAsync(Prompt, cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation);

        Activity activity = Assert.Single(telemetry.Activities);
        Assert.Equal("POST /v1beta/models/{model}:streamGenerateContent", activity.DisplayName);
        Assert.Equal("/v1beta/models/{model}:streamGenerateContent", activity.GetTagItem("url.template"));
        Assert.All(telemetry.Measurements, m => Assert.Equal("/v1beta/models/{model}:streamGenerateContent", m["url.template"]));
        Assert.DoesNotContain(AllText(telemetry), text => text.Contains("gemini-2.5", StringComparison.Ordinal) || text.Contains("alt=sse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_realtime_handshake_is_an_attempt()
    {
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);

        await using (IRealtimeClientSession session = await Client.GetRealtimeClient("gpt-4o-realtime-preview").CreateSessionAsync(cancellationToken: TestCancellation))
        {
            Activity activity = Assert.Single(telemetry.Activities);
            Assert.Equal("GET /v1/realtime", activity.DisplayName);
            Assert.Equal(ActivityKind.Client, activity.Kind);
            Assert.Equal(101, activity.GetTagItem("http.response.status_code"));
            Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        }

        Assert.Equal(1, Assert.Single(telemetry.Of("nexllm.client.attempts")).Value);
        Assert.Equal(101, Assert.Single(telemetry.Of("nexllm.client.attempt.duration"))["http.response.status_code"]);
        Assert.DoesNotContain(AllText(telemetry), text => text.Contains("gpt-4o-realtime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_realtime_handshake_is_a_failure()
    {
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);
        Emulator.Enqueue(EmulatorFault.OpenAIError(401, "Invalid token.", "new_api_error"));

        await Assert.ThrowsAsync<NexLLMException>(
            () => Client.GetRealtimeClient("gpt-4o-realtime-preview").CreateSessionAsync(cancellationToken: TestCancellation));

        Activity activity = Assert.Single(telemetry.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(401, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(["HttpStatus"], telemetry.Of("nexllm.client.failures").Select(m => m["error.type"]));
    }

    [Fact]
    public async Task Streamed_speech_reports_its_time_to_first_byte()
    {
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);

        await Client.GetTextToSpeechClient("gpt-4o-mini-tts")
            .GetStreamingAudioAsync("Hello there.", new TextToSpeechOptions { AudioFormat = "pcm" }, TestCancellation).ToTextToSpeechResponseAsync(TestCancellation);

        Activity activity = Assert.Single(telemetry.Activities);
        Assert.Equal("POST /v1/audio/speech", activity.DisplayName);
        Assert.Equal("nexllm.first_byte", Assert.Single(activity.Events).Name);
        Assert.Single(telemetry.Of("nexllm.client.time_to_first_byte"));
        Assert.Empty(telemetry.Of("nexllm.client.time_to_first_event"));
    }

    [Fact]
    public async Task No_tag_holds_the_key_or_the_prompt()
    {
        using var telemetry = new TransportTelemetryRecorder(Emulator.Endpoint);
        IChatClient chat = Client.GetChatClient("gpt-4o-mini");
        Emulator.Enqueue(EmulatorFault.OpenAIError(503, $"Overloaded for {Key}: {Prompt}", "upstream_error", headers: RetryAtOnce));
        await chat.GetResponseAsync(Prompt, cancellationToken: TestCancellation);
        Emulator.Enqueue(EmulatorFault.OpenAIError(401, $"Invalid token {Key} for {Prompt}", "new_api_error", Key));
        await Assert.ThrowsAsync<NexLLMException>(() => chat.GetStreamingResponseAsync(Prompt, cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation));
        await chat.GetStreamingResponseAsync(Prompt, cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation);

        List<string> texts = AllText(telemetry);
        Assert.True(telemetry.Activities.Count >= 4 && telemetry.Measurements.Count >= 10, $"{telemetry.Activities.Count} activities, {telemetry.Measurements.Count} measurements");
        Assert.DoesNotContain(texts, text => text.Contains("CANARY", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every name, status, tag and event an exporter would write out, of every activity and measurement recorded.</summary>
    private static List<string> AllText(TransportTelemetryRecorder telemetry) =>
    [
        .. telemetry.Activities.SelectMany(a => new[] { a.DisplayName, a.OperationName, a.StatusDescription ?? "" }
            .Concat(a.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(a.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Append(e.Name)))),
        .. telemetry.Measurements.SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")),
    ];
}
