using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;

namespace NexLLM.Connectors.Tests.Client;

/// <summary>The client surface: services, ownership of the HTTP client, options snapshot and validation (docs/architecture.md#public-surface).</summary>
public sealed class NexLLMClientTests
{
    public sealed class GetService
    {
        [Fact]
        public void Returns_metadata_with_provider_endpoint_and_model()
        {
            using var harness = new Harness();
            IChatClient chat = harness.Chat("gpt-4o-mini");

            var metadata = Assert.IsType<ChatClientMetadata>(chat.GetService(typeof(ChatClientMetadata)));

            Assert.Equal(("nexllm", "https://gateway.test/v1/", "gpt-4o-mini"), (metadata.ProviderName, metadata.ProviderUri?.AbsoluteUri, metadata.DefaultModelId));
        }

        [Fact]
        public void Returns_the_owning_client_and_the_chat_client_itself()
        {
            using var harness = new Harness();
            IChatClient chat = harness.Chat();

            Assert.Same(harness.Client, chat.GetService<NexLLMClient>());
            Assert.Same(chat, chat.GetService<IChatClient>());
            Assert.Same(chat, chat.GetService(chat.GetType()));
            Assert.Null(chat.GetService<HttpClient>());
        }

        [Fact]
        public void Returns_null_for_any_service_key()
        {
            using var harness = new Harness();
            IChatClient chat = harness.Chat();

            Assert.Null(chat.GetService(typeof(ChatClientMetadata), "key"));
            Assert.Null(chat.GetService(typeof(IChatClient), "key"));
            Assert.Null(chat.GetService(typeof(NexLLMClient), new object()));
        }

        [Fact]
        public void Throws_for_a_null_service_type()
        {
            using var harness = new Harness();

            Assert.Throws<ArgumentNullException>(() => harness.Chat().GetService(null!));
        }

        [Fact]
        public void An_unknown_protocol_is_out_of_range()
        {
            using var harness = new Harness();

            Assert.Throws<ArgumentOutOfRangeException>(() => harness.Client.GetChatClient("gpt-4o", (NexLLMChatProtocol)999));
        }
    }

    public sealed class Ownership
    {
        [Fact]
        public async Task Disposing_does_not_dispose_an_HttpClient_the_caller_passed_in()
        {
            var handler = new VerbatimHandler();
            using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            var client = new NexLLMClient(new NexLLMClientOptions { ApiKey = Harness.ApiKey, Endpoint = Harness.Endpoint }, http);

            client.Dispose();

            Assert.False(handler.IsDisposed);
            handler.Enqueue(Reply.Json(OkBody));
            using HttpResponseMessage response = await http.GetAsync(new Uri("https://gateway.test/still-works"), Harness.Ct);
            Assert.True(response.IsSuccessStatusCode);
        }

        [Fact]
        public async Task Disposing_disposes_the_HttpClient_it_created()
        {
            var client = new NexLLMClient(new NexLLMClientOptions { ApiKey = Harness.ApiKey, Endpoint = new Uri("https://127.0.0.1:9/v1") });
            IChatClient chat = client.GetChatClient("gpt-4o");

            client.Dispose();

            // A disposed HttpClient refuses to send before any connection is attempted.
            await Assert.ThrowsAsync<ObjectDisposedException>(() => chat.GetResponseAsync("Hi", cancellationToken: Harness.Ct));
        }

        [Fact]
        public async Task Disposing_a_chat_client_leaves_the_shared_transport_usable()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(OkBody));
            harness.Chat().Dispose();

            Assert.Equal("ok", (await harness.AskAsync()).Text);
        }

        [Fact]
        public void The_api_key_constructor_uses_the_default_endpoint()
        {
            using var client = new NexLLMClient("sk-test-default");

            Assert.Equal("https://www.nexllm.ai/v1/", client.Endpoint.AbsoluteUri);
        }
    }

    public sealed class Options
    {
        [Fact]
        public async Task Are_snapshotted_so_later_changes_have_no_effect()
        {
            var handler = new VerbatimHandler();
            using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            var options = new NexLLMClientOptions { ApiKey = "sk-original-key", Endpoint = Harness.Endpoint, MaxRetries = 0 };
            options.DefaultHeaders["X-Team"] = "blue";
            using var client = new NexLLMClient(options, http);

            options.ApiKey = "sk-changed-key";
            options.Endpoint = new Uri("https://changed.test/v1");
            options.MaxRetries = 5;
            options.DefaultHeaders["X-Team"] = "red";
            options.DefaultHeaders["X-Added"] = "1";
            handler.Enqueue(Reply.Status(503));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetChatClient("gpt-4o").GetResponseAsync("Hi", cancellationToken: Harness.Ct));

            RecordedRequest request = handler.SingleRequest;
            Assert.Equal("https://gateway.test/v1/chat/completions", request.Uri.AbsoluteUri);
            Assert.Equal("Bearer sk-original-key", request.Header("Authorization"));
            Assert.Equal("blue", request.Header("X-Team"));
            Assert.Null(request.Header("X-Added"));
            Assert.Equal(1, error.Attempts);
            Assert.Equal("https://gateway.test/v1/", client.Endpoint.AbsoluteUri);
        }

        [Theory]
        [InlineData("MaxRetries", -1)]
        [InlineData("MaxRetries", 11)]
        [InlineData("ConnectTimeout", 0)]
        [InlineData("ResponseTimeout", -5)]
        [InlineData("StreamIdleTimeout", 0)]
        [InlineData("ConnectTimeout", 2_200_000)]
        [InlineData("ResponseTimeout", 2_200_000)]
        [InlineData("StreamIdleTimeout", 26_000_000)]
        [InlineData("MaxResponseBytes", 1023)]
        [InlineData("MaxStreamEventBytes", 0)]
        public void Out_of_range_settings_are_rejected(string setting, int value)
        {
            var options = new NexLLMClientOptions { ApiKey = Harness.ApiKey };
            switch (setting)
            {
                case "MaxRetries": options.MaxRetries = value; break;
                case "ConnectTimeout": options.ConnectTimeout = TimeSpan.FromSeconds(value); break;
                case "ResponseTimeout": options.ResponseTimeout = TimeSpan.FromSeconds(value); break;
                case "StreamIdleTimeout": options.StreamIdleTimeout = TimeSpan.FromSeconds(value); break;
                case "MaxResponseBytes": options.MaxResponseBytes = value; break;
                default: options.MaxStreamEventBytes = value; break;
            }

            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NexLLMClient(options, new HttpClient(new VerbatimHandler())));

            Assert.Contains(setting, error.ParamName, StringComparison.Ordinal);
        }

        [Fact]
        public void Infinite_timeouts_are_accepted()
        {
            var options = new NexLLMClientOptions
            {
                ApiKey = Harness.ApiKey,
                ResponseTimeout = Timeout.InfiniteTimeSpan,
                StreamIdleTimeout = Timeout.InfiniteTimeSpan,
                ConnectTimeout = Timeout.InfiniteTimeSpan,
            };

            using var client = new NexLLMClient(options, new HttpClient(new VerbatimHandler()));

            Assert.NotNull(client.GetChatClient("gpt-4o"));
        }

        [Fact]
        public void Null_arguments_are_rejected()
        {
            Assert.Throws<ArgumentNullException>(() => new NexLLMClient((NexLLMClientOptions)null!));
            Assert.Throws<ArgumentNullException>(() => new NexLLMClient(new NexLLMClientOptions { ApiKey = Harness.ApiKey }, null!));
            Assert.Throws<ArgumentNullException>(() => NexLLMChatOptionsExtensions.WithStrictJsonSchema(null!));
        }
    }

    public sealed class Models
    {
        [Fact]
        public async Task ListModelsAsync_gets_the_model_list_and_maps_each_entry_skipping_entries_without_an_id()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""
                {"data":[{"id":"gpt-4o-mini","object":"model","created":1710000000,"owned_by":"openai","supported_endpoint_types":["openai"]},
                {"id":"claude-sonnet-4-5","owned_by":"anthropic","supported_endpoint_types":["anthropic","openai"]},{"id":""},{"id":" "},null,{"owned_by":"nobody"}],"object":"list","success":true}
                """));

            IReadOnlyList<NexLLMModel> models = await harness.Client.ListModelsAsync(Harness.Ct);

            RecordedRequest request = harness.Handler.SingleRequest;
            Assert.Equal((HttpMethod.Get, "https://gateway.test/v1/models"), (request.Method, request.Uri.AbsoluteUri));
            Assert.Equal(["gpt-4o-mini", "claude-sonnet-4-5"], models.Select(m => m.Id));
            Assert.Equal("openai", models[0].OwnedBy);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1710000000), models[0].Created);
            Assert.Equal(["anthropic", "openai"], models[1].SupportedEndpointTypes);
        }

        [Fact]
        public async Task ListModelsAsync_turns_a_malformed_list_into_an_InvalidResponse()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"data":{"id":"not a list"}}"""));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.ListModelsAsync(Harness.Ct));

            Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        }
    }
}
