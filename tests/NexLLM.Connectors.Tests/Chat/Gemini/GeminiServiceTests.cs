using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// The Gemini chat client answers <see cref="IChatClient.GetService"/> like every adapter, and
/// <see cref="NexLLMChatProtocol.Auto"/> picks it for Gemini models (docs/architecture.md#public-surface).
/// </summary>
public sealed class GeminiServiceTests
{
    public sealed class GetService
    {
        [Fact]
        public void Metadata_names_nexllm_the_Gemini_endpoint_and_the_model()
        {
            using var harness = new Harness();
            IChatClient chat = harness.Gemini("gemini-2.5-pro");

            var metadata = Assert.IsType<ChatClientMetadata>(chat.GetService(typeof(ChatClientMetadata)));

            Assert.Equal(("nexllm", "https://gateway.test/v1beta/", "gemini-2.5-pro"), (metadata.ProviderName, metadata.ProviderUri?.AbsoluteUri, metadata.DefaultModelId));
        }

        [Fact]
        public void Metadata_shows_the_GeminiEndpoint_override()
        {
            using var harness = new Harness(o => o.GeminiEndpoint = new Uri("https://google.test/v1beta"));

            var metadata = harness.Gemini().GetService<ChatClientMetadata>();

            Assert.Equal("https://google.test/v1beta/", metadata?.ProviderUri?.AbsoluteUri);
        }

        [Fact]
        public void Returns_the_owning_client_and_itself_and_nothing_for_a_key_or_an_unknown_type()
        {
            using var harness = new Harness();
            IChatClient chat = harness.Gemini();

            Assert.Same(harness.Client, chat.GetService(typeof(NexLLMClient)));
            Assert.Same(chat, chat.GetService(typeof(IChatClient)));
            Assert.Same(chat, chat.GetService<IChatClient>());
            Assert.Null(chat.GetService(typeof(ChatClientMetadata), "key"));
            Assert.Null(chat.GetService(typeof(NexLLMClient), "key"));
            Assert.Null(chat.GetService(typeof(HttpClient)));
            Assert.Throws<ArgumentNullException>(() => chat.GetService(null!));
        }

        [Fact]
        public async Task Disposing_the_chat_client_leaves_the_owning_client_usable()
        {
            using var harness = new Harness();
            harness.Gemini().Dispose();
            harness.Handler.Enqueue(Reply.Json(GeminiCalls.OkBody));

            Assert.Equal("ok", (await harness.AskGeminiAsync()).Text);
        }
    }

    public sealed class AutoProtocol
    {
        [Theory]
        [InlineData("claude-sonnet-4-5", "https://gateway.test/v1/messages")]
        [InlineData("claude-3-5-haiku-20241022", "https://gateway.test/v1/messages")]
        [InlineData("gemini-2.5-flash", "https://gateway.test/v1beta/models/gemini-2.5-flash:generateContent")]
        [InlineData("models/gemini-2.5-pro", "https://gateway.test/v1beta/models/gemini-2.5-pro:generateContent")]
        [InlineData("gemini-3-pro-preview", "https://gateway.test/v1beta/models/gemini-3-pro-preview:generateContent")]
        [InlineData("gpt-4o-mini", "https://gateway.test/v1/chat/completions")]
        [InlineData("deepseek-chat", "https://gateway.test/v1/chat/completions")]
        [InlineData("gemma-3-27b-it", "https://gateway.test/v1/chat/completions")]
        public async Task Picks_the_native_route_of_the_model_family(string model, string uri)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(uri.EndsWith("/messages", StringComparison.Ordinal) ? ClaudeCalls.ClaudeOkBody
                : uri.EndsWith(":generateContent", StringComparison.Ordinal) ? GeminiCalls.OkBody
                : ChatRequestJsonTests.OkBody));
            IChatClient chat = harness.Client.GetChatClient(model, NexLLMChatProtocol.Auto);

            ChatResponse response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: Harness.Ct);

            Assert.Equal("ok", response.Text);
            Assert.Equal(uri, harness.Handler.SingleRequest.Uri.AbsoluteUri);
        }

        [Fact]
        public async Task A_Gemini_model_streams_over_streamGenerateContent()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(GeminiSse.Events(GeminiChunk.Text("ok", "STOP"))));

            await foreach (ChatResponseUpdate _ in harness.Client.GetChatClient("gemini-2.5-flash", NexLLMChatProtocol.Auto)
                .GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: Harness.Ct))
            {
            }

            Assert.Equal(GeminiCalls.StreamUri, harness.Handler.SingleRequest.Uri.AbsoluteUri);
        }

        [Fact]
        public void The_Auto_client_names_its_model_and_answers_for_the_NexLLMClient()
        {
            using var harness = new Harness();
            IChatClient chat = harness.Client.GetChatClient("gemini-2.5-flash", NexLLMChatProtocol.Auto);

            ChatClientMetadata metadata = Assert.IsType<ChatClientMetadata>(chat.GetService(typeof(ChatClientMetadata)));
            Assert.Equal("gemini-2.5-flash", metadata.DefaultModelId);
            Assert.Equal("nexllm", metadata.ProviderName);
            Assert.Same(harness.Client, chat.GetService(typeof(NexLLMClient)));
        }

        [Fact]
        public void An_unknown_protocol_value_is_an_ArgumentOutOfRangeException()
        {
            using var harness = new Harness();

            Assert.Throws<ArgumentOutOfRangeException>(() => harness.Client.GetChatClient("gemini-2.5-flash", (NexLLMChatProtocol)99));
        }
    }
}
