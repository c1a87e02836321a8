using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Rerank.RerankTestData;

namespace NexLLM.Connectors.Tests.Rerank;

/// <summary>The logging and OpenTelemetry decorators of the rerank pipeline.</summary>
public sealed class RerankTelemetryTests
{
    private static async Task<(Harness Harness, RerankResponse Response)> CallAsync(Func<RerankClientBuilder, RerankClientBuilder> decorate, string answer, RerankOptions? options = null)
    {
        var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(answer).WithHeader("X-Oneapi-Request-Id", "req-t"));
        IRerankClient client = decorate(harness.Client.GetRerankClient(Model).AsBuilder()).Build();
        RerankResponse response = await client.RerankAsync("secret query", ["secret document", "other"], options, Harness.Ct);
        return (harness, response);
    }

    public sealed class Logging
    {
        [Fact]
        public async Task Debug_logs_the_call_without_content()
        {
            using var logs = new CapturingLoggerProvider();
            using ILoggerFactory factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));

            var (harness, _) = await CallAsync(b => b.UseLogging(factory), TwoResults);
            harness.Dispose();

            List<LogEntry> entries = [.. logs.Entries.Where(e => e.Category == typeof(LoggingRerankClient).FullName)];
            Assert.Equal(["RerankAsync invoked. Model: (null). TopN: (null).", "RerankAsync returned 2 result(s)."], entries.Select(e => e.Message));
            Assert.All(entries, e => Assert.DoesNotContain("secret", e.AllText, StringComparison.Ordinal));
        }

        [Fact]
        public async Task Trace_logs_the_query_documents_and_results_as_escaped_JSON()
        {
            using var logs = new CapturingLoggerProvider();
            using ILoggerFactory factory = logs.CreateFactory();

            var (harness, _) = await CallAsync(
                b => b.UseLogging(factory),
                Body("""{"document":{"text":"line\nforged"},"index":0,"relevance_score":0.9}"""),
                new RerankOptions { TopN = 1, ReturnDocuments = true });
            harness.Dispose();

            List<LogEntry> entries = [.. logs.Entries.Where(e => e.Category == typeof(LoggingRerankClient).FullName)];
            Assert.All(entries, e => Assert.Equal(LogLevel.Trace, e.Level));
            Assert.Contains("query \"secret query\", documents [\"secret document\",\"other\"]", entries[0].Message, StringComparison.Ordinal);
            Assert.Contains("TopN: 1. ReturnDocuments: True", entries[0].Message, StringComparison.Ordinal);
            Assert.Contains("\"relevanceScore\":0.9", entries[1].Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', entries[1].Message);
        }

        [Fact]
        public async Task A_failure_is_logged_as_an_error()
        {
            using var logs = new CapturingLoggerProvider();
            using ILoggerFactory factory = logs.CreateFactory();
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"x","type":"t","param":"","code":"invalid_request"}}""", 500));
            IRerankClient client = harness.Client.GetRerankClient(Model).AsBuilder().UseLogging(factory).Build();

            await Assert.ThrowsAsync<NexLLMException>(() => client.RerankAsync("q", ["d"], cancellationToken: Harness.Ct));

            LogEntry failed = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error && e.Category == typeof(LoggingRerankClient).FullName);
            Assert.Equal("RerankAsync failed.", failed.Message);
            Assert.Contains("NexLLMException", failed.Exception, StringComparison.Ordinal);
        }

        [Fact]
        public void Without_a_logger_factory_no_decorator_is_added()
        {
            using var harness = new Harness();
            IRerankClient inner = harness.Client.GetRerankClient(Model);

            Assert.Same(inner, inner.AsBuilder().UseLogging().Build());
        }
    }

    public sealed class OpenTelemetry
    {
        [Fact]
        public async Task A_call_is_a_client_activity_with_gen_ai_tags()
        {
            using var capture = new ActivityCapture();
            string source = capture.Source;
            List<Activity> activities = capture.Stopped;

            var (harness, _) = await CallAsync(b => b.UseOpenTelemetry(sourceName: source), TwoResults, new RerankOptions { TopN = 2 });
            harness.Dispose();

            Activity activity = Assert.Single(activities);
            Assert.Equal($"rerank {Model}", activity.DisplayName);
            Assert.Equal(ActivityKind.Client, activity.Kind);
            Assert.Equal("rerank", activity.GetTagItem("gen_ai.operation.name"));
            Assert.Equal(Model, activity.GetTagItem("gen_ai.request.model"));
            Assert.Equal("nexllm", activity.GetTagItem("gen_ai.provider.name"));
            Assert.Equal("nexllm", activity.GetTagItem("gen_ai.system"));
            Assert.Equal("gateway.test", activity.GetTagItem("server.address"));
            Assert.Equal(443, activity.GetTagItem("server.port"));
            Assert.Equal(2, activity.GetTagItem("gen_ai.request.top_n"));
            Assert.Equal(Model, activity.GetTagItem("gen_ai.response.model"));
            Assert.Equal(21, activity.GetTagItem("gen_ai.usage.input_tokens"));
            Assert.Null(activity.GetTagItem("nexllm.request_id")); // sensitive data is off by default
            Assert.DoesNotContain(activity.TagObjects, t => t.Value is string s && s.Contains("secret", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_failure_sets_the_error_status_and_type()
        {
            using var capture = new ActivityCapture();
            string source = capture.Source;
            List<Activity> activities = capture.Stopped;
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"x","type":"t","param":"","code":"invalid_request"}}""", 500));
            IRerankClient client = harness.Client.GetRerankClient(Model).AsBuilder().UseOpenTelemetry(sourceName: source).Build();

            await Assert.ThrowsAsync<NexLLMException>(() => client.RerankAsync("q", ["d"], cancellationToken: Harness.Ct));

            Activity activity = Assert.Single(activities);
            Assert.Equal(ActivityStatusCode.Error, activity.Status);
            Assert.Equal(typeof(NexLLMException).FullName, activity.GetTagItem("error.type"));
        }

        [Fact]
        public async Task Sensitive_data_adds_the_additional_properties()
        {
            using var capture = new ActivityCapture();
            string source = capture.Source;

            var (harness, _) = await CallAsync(
                b => b.UseOpenTelemetry(sourceName: source, configure: c => c.EnableSensitiveData = true),
                TwoResults,
                new RerankOptions { AdditionalProperties = new() { ["max_chunk_per_doc"] = 5 } });
            harness.Dispose();

            Activity stopped = Assert.Single(capture.Stopped);
            Assert.Equal(5, stopped.GetTagItem("max_chunk_per_doc"));
            Assert.Equal("req-t", stopped.GetTagItem("nexllm.request_id"));
        }

        [Fact]
        public async Task Duration_and_token_usage_are_recorded()
        {
            string source = "test-rerank-" + Guid.NewGuid();
            var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
            using var meters = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == source)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
            meters.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
            meters.Start();

            var (harness, _) = await CallAsync(b => b.UseOpenTelemetry(sourceName: source), TwoResults);
            harness.Dispose();

            var duration = Assert.Single(measurements, m => m.Instrument == "gen_ai.client.operation.duration");
            Assert.True(duration.Value >= 0);
            Assert.Equal("rerank", duration.Tags["gen_ai.operation.name"]);
            Assert.Equal(Model, duration.Tags["gen_ai.request.model"]);
            var tokens = Assert.Single(measurements, m => m.Instrument == "gen_ai.client.token.usage");
            Assert.Equal(21, tokens.Value);
            Assert.Equal("input", tokens.Tags["gen_ai.token.type"]);

            static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
            {
                var result = new Dictionary<string, object?>();
                foreach (var tag in tags)
                {
                    result[tag.Key] = tag.Value;
                }

                return result;
            }
        }
    }

    /// <summary>Records the activities of a source of its own, so tests running in parallel never see each other's.</summary>
    private sealed class ActivityCapture : IDisposable
    {
        private readonly ActivityListener _listener;

        public ActivityCapture()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == Source,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Stopped.Add,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public string Source { get; } = "test-rerank-" + Guid.NewGuid();

        public List<Activity> Stopped { get; } = [];

        public void Dispose() => _listener.Dispose();
    }
}
