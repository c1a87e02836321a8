using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.GeminiCalls;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// Where a Gemini request goes and how it is authenticated (docs/protocols/gateway.md#authentication, docs/protocols/gemini.md#gotchas; docs/architecture.md#conventions):
/// <c>/v1beta/models/{model}:generateContent</c> at the host root, the model as one escaped path segment, and the key only
/// in <c>x-goog-api-key</c>.
/// </summary>
public sealed class GeminiRouteTests
{
    private static async Task<RecordedRequest> SentWithAsync(Action<NexLLMClientOptions> configure, string model = Model, bool stream = false)
    {
        using var harness = new Harness(configure);
        return await SentThroughAsync(harness, model, stream);
    }

    private static async Task<RecordedRequest> SentThroughAsync(Harness harness, string model = Model, bool stream = false, ChatOptions? options = null)
    {
        IChatClient chat = harness.Gemini(model);
        if (stream)
        {
            harness.Handler.Enqueue(Reply.Sse(GeminiSse.Events(GeminiChunk.Text("ok", "STOP"))));
            await foreach (ChatResponseUpdate _ in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hello")], options, Harness.Ct))
            {
            }
        }
        else
        {
            harness.Handler.Enqueue(Reply.Json(OkBody));
            await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Hello")], options, Harness.Ct);
        }

        return harness.Handler.Requests[^1];
    }

    public sealed class Endpoint
    {
        [Fact]
        public async Task Non_streamed_posts_to_v1beta_models_model_generateContent_at_the_host_root()
        {
            using var harness = new Harness();
            RecordedRequest request = await SentThroughAsync(harness);

            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal(GenerateUri, request.Uri.AbsoluteUri);
            Assert.Equal(HelloBody, request.BodyText);
            Assert.Equal("application/json", request.Header("Content-Type"));
        }

        [Fact]
        public async Task Streamed_posts_to_streamGenerateContent_with_alt_sse_and_the_same_body()
        {
            using var harness = new Harness();
            RecordedRequest request = await SentThroughAsync(harness, stream: true);

            Assert.Equal(StreamUri, request.Uri.AbsoluteUri);
            Assert.Equal(HelloBody, request.BodyText);
            Assert.Equal("text/event-stream", request.Header("Accept"));
        }

        [Theory]
        [InlineData("https://gateway.test/v1/", "https://gateway.test/v1beta/models/gemini-2.5-flash:generateContent")]
        [InlineData("https://gateway.test/proxy/v1", "https://gateway.test/proxy/v1beta/models/gemini-2.5-flash:generateContent")]
        [InlineData("https://gateway.test/api", "https://gateway.test/api/v1beta/models/gemini-2.5-flash:generateContent")]
        [InlineData("https://gateway.test/", "https://gateway.test/v1beta/models/gemini-2.5-flash:generateContent")]
        [InlineData("https://gateway.test/v10", "https://gateway.test/v10/v1beta/models/gemini-2.5-flash:generateContent")]
        [InlineData("https://gateway.test:8443/v1", "https://gateway.test:8443/v1beta/models/gemini-2.5-flash:generateContent")]
        public async Task The_last_segment_v1_becomes_v1beta_and_any_other_endpoint_gets_v1beta_appended(string endpoint, string expected)
        {
            RecordedRequest request = await SentWithAsync(o => o.Endpoint = new Uri(endpoint));

            Assert.Equal(expected, request.Uri.AbsoluteUri);
        }

        [Theory]
        [InlineData("https://google.test/v1beta", "https://google.test/v1beta/models/gemini-2.5-flash:generateContent")]
        [InlineData("https://google.test/custom/path/", "https://google.test/custom/path/models/gemini-2.5-flash:generateContent")]
        public async Task GeminiEndpoint_is_used_as_it_is_instead_of_the_derived_one(string geminiEndpoint, string expected)
        {
            RecordedRequest request = await SentWithAsync(o => o.GeminiEndpoint = new Uri(geminiEndpoint));

            Assert.Equal(expected, request.Uri.AbsoluteUri);
        }

        [Fact]
        public async Task GeminiEndpoint_applies_to_streams_too()
        {
            RecordedRequest request = await SentWithAsync(o => o.GeminiEndpoint = new Uri("https://google.test/v1beta"), stream: true);

            Assert.Equal("https://google.test/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", request.Uri.AbsoluteUri);
        }

        [Theory]
        [InlineData("http://google.test/v1beta")]
        [InlineData("https://user:pw@google.test/v1beta")]
        [InlineData("https://google.test/v1beta?key=abc")]
        public void An_unsafe_GeminiEndpoint_is_rejected_when_the_client_is_created(string geminiEndpoint)
        {
            var options = new NexLLMClientOptions { ApiKey = Harness.ApiKey, GeminiEndpoint = new Uri(geminiEndpoint) };

            var error = Assert.Throws<ArgumentException>(() => new NexLLMClient(options));

            Assert.Equal("GeminiEndpoint", error.ParamName);
        }
    }

    public sealed class ApiKey
    {
        [Fact]
        public async Task Travels_only_in_x_goog_api_key_never_as_Authorization_x_api_key_or_in_the_URL()
        {
            using var harness = new Harness();
            RecordedRequest request = await SentThroughAsync(harness);

            Assert.Equal(Harness.ApiKey, request.Header("x-goog-api-key"));
            Assert.Null(request.Header("Authorization"));
            Assert.Null(request.Header("x-api-key"));
            Assert.Empty(request.Uri.Query);
            Assert.DoesNotContain(Harness.ApiKey, request.Uri.OriginalString, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_streamed_request_has_only_alt_sse_in_its_query()
        {
            using var harness = new Harness();
            RecordedRequest request = await SentThroughAsync(harness, stream: true);

            Assert.Equal("?alt=sse", request.Uri.Query);
            Assert.Equal(Harness.ApiKey, request.Header("x-goog-api-key"));
            Assert.Null(request.Header("Authorization"));
        }

        [Fact]
        public async Task Default_headers_cannot_add_another_credential_beside_it()
        {
            using var harness = new Harness(o =>
            {
                o.DefaultHeaders["Authorization"] = "Bearer other";
                o.DefaultHeaders["x-goog-api-key"] = "other";
            });
            RecordedRequest request = await SentThroughAsync(harness);

            Assert.Null(request.Header("Authorization"));
            Assert.Equal(Harness.ApiKey, request.Header("x-goog-api-key"));
        }

        [Fact]
        public async Task Is_in_the_header_and_never_in_the_URL_or_the_error_on_every_retried_attempt()
        {
            using var harness = new Harness(o => o.MaxRetries = 2);
            harness.Handler.EnqueueRepeated(3, () => Reply.Json(GeminiChunk.GatewayError(429, "Resource has been exhausted (e.g. check quota)."), 429));

            Task<Exception?> call = Record.ExceptionAsync(() => harness.AskGeminiAsync()).AsTask();
            await harness.Clock.SkipRetryDelaysUntilDoneAsync(call);
            var error = Assert.IsType<NexLLMException>(await call);

            Assert.Equal(3, harness.Handler.Requests.Count);
            Assert.All(harness.Handler.Requests, r =>
            {
                Assert.Equal(GenerateUri, r.Uri.AbsoluteUri);
                Assert.Equal(Harness.ApiKey, r.Header("x-goog-api-key"));
                Assert.Null(r.Header("Authorization"));
            });
            Assert.DoesNotContain(Harness.ApiKey, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("key=", error.ToString(), StringComparison.Ordinal);
            Assert.All(harness.Logs.Entries, e => Assert.DoesNotContain(Harness.ApiKey, e.AllText, StringComparison.Ordinal));
        }
    }

    public sealed class ModelSegment
    {
        [Theory]
        [InlineData("a/b", "a%2Fb")]
        [InlineData("a?b", "a%3Fb")]
        [InlineData("a#b", "a%23b")]
        [InlineData("%2F", "%252F")]
        [InlineData("../admin", "..%2Fadmin")]
        [InlineData("a b", "a%20b")]
        [InlineData("tuned:v1", "tuned%3Av1")]
        [InlineData("models/gemini-2.5-pro", "gemini-2.5-pro")]
        [InlineData("gemini-2.5-flash-thinking-1024", "gemini-2.5-flash-thinking-1024")]
        public async Task Is_escaped_as_one_path_segment_and_a_models_prefix_is_accepted(string model, string segment)
        {
            using var harness = new Harness();
            RecordedRequest request = await SentThroughAsync(harness, model);

            Assert.Equal($"/v1beta/models/{segment}:generateContent", request.Uri.AbsolutePath);
            Assert.Empty(request.Uri.Query);
            Assert.Empty(request.Uri.Fragment);
        }

        [Theory]
        [InlineData("..")]
        [InlineData(".")]
        [InlineData("models/..")]
        [InlineData("models/")]
        public void A_dot_segment_or_an_empty_name_is_rejected(string model)
        {
            using var harness = new Harness();

            Assert.Throws<ArgumentException>(() => harness.Gemini(model));
        }

        [Theory]
        [InlineData("gemini\r\nx-injected: 1")]
        [InlineData("gemini\n")]
        [InlineData("")]
        [InlineData(" ")]
        public void A_model_with_a_line_break_or_no_name_is_rejected(string model)
        {
            using var harness = new Harness();

            Assert.Throws<ArgumentException>(() => harness.Gemini(model));
        }
    }

    public sealed class PerRequestModel
    {
        [Fact]
        public async Task ModelId_changes_the_URL_and_not_the_body()
        {
            using var harness = new Harness();
            RecordedRequest request = await SentThroughAsync(harness, options: new ChatOptions { ModelId = "gemini-2.5-pro" });

            Assert.Equal("https://gateway.test/v1beta/models/gemini-2.5-pro:generateContent", request.Uri.AbsoluteUri);
            Assert.Equal(HelloBody, request.BodyText);
        }

        [Fact]
        public async Task ModelId_changes_the_stream_URL_and_keeps_alt_sse()
        {
            using var harness = new Harness();
            RecordedRequest request = await SentThroughAsync(harness, stream: true, options: new ChatOptions { ModelId = "models/gemini-2.5-pro" });

            Assert.Equal("https://gateway.test/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", request.Uri.AbsoluteUri);
        }

        [Fact]
        public async Task ModelId_is_escaped_like_the_client_model()
        {
            using var harness = new Harness();
            RecordedRequest request = await SentThroughAsync(harness, options: new ChatOptions { ModelId = "a/b?c#d" });

            Assert.Equal("/v1beta/models/a%2Fb%3Fc%23d:generateContent", request.Uri.AbsolutePath);
        }

        [Fact]
        public async Task The_next_request_without_ModelId_goes_back_to_the_client_model()
        {
            using var harness = new Harness();
            await SentThroughAsync(harness, options: new ChatOptions { ModelId = "gemini-2.5-pro" });
            RecordedRequest request = await SentThroughAsync(harness);

            Assert.Equal(GenerateUri, request.Uri.AbsoluteUri);
        }

        [Theory]
        [InlineData("..")]
        [InlineData("gemini\r\nx: 1")]
        [InlineData(" ")]
        public async Task A_bad_ModelId_is_rejected_before_anything_is_sent(string modelId)
        {
            using var harness = new Harness();

            await Assert.ThrowsAsync<ArgumentException>(() => harness.AskGeminiAsync(new ChatOptions { ModelId = modelId }));

            Assert.Empty(harness.Handler.Requests);
        }
    }
}
