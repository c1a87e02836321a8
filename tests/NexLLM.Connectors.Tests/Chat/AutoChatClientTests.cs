using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat;

/// <summary>
/// <see cref="NexLLMChatProtocol.Auto"/> picks each request's route from its model (docs/protocols/models.md#auto): a listed
/// model's supported endpoint types once <see cref="NexLLMClient.ListModelsAsync"/> has run, else the model's family.
/// Asserted on the route the handler received.
/// </summary>
public sealed class AutoChatClientTests
{
    private const string Messages = "https://gateway.test/v1/messages";
    private const string ChatCompletions = "https://gateway.test/v1/chat/completions";
    private const string Responses = "https://gateway.test/v1/responses";

    /// <summary>new-api's model list: one entry per way a model can be served.</summary>
    private const string ModelList = """
        {"data":[
        {"id":"claude-sonnet-4-5","object":"model","created":1626777600,"owned_by":"custom","supported_endpoint_types":["anthropic","openai"]},
        {"id":"gemini-2.5-flash","object":"model","created":1626777600,"owned_by":"custom","supported_endpoint_types":["openai","gemini"]},
        {"id":"gpt-4.1","object":"model","created":1626777600,"owned_by":"custom","supported_endpoint_types":["openai-response","openai"]},
        {"id":"o3-pro","object":"model","created":1626777600,"owned_by":"custom","supported_endpoint_types":["openai-response"]},
        {"id":"codex-mini","object":"model","created":1626777600,"owned_by":"custom","supported_endpoint_types":["OpenAI-Response"]},
        {"id":"claude-via-openai","object":"model","created":1626777600,"owned_by":"custom","supported_endpoint_types":["openai"]},
        {"id":"house-gemini","object":"model","created":1626777600,"owned_by":"custom","supported_endpoint_types":["gemini"]},
        {"id":"text-embedding-3-small","object":"model","created":1626777600,"owned_by":"custom","supported_endpoint_types":["embeddings"]},
        {"id":"gemini-untyped","object":"model","created":1626777600,"owned_by":"custom"}],
        "object":"list","success":true}
        """;

    private static string GeminiUri(string model) => $"https://gateway.test/v1beta/models/{model}:generateContent";

    /// <summary>A valid answer of the format the route speaks.</summary>
    private static string OkBodyFor(string uri) =>
        uri == Messages ? ClaudeCalls.ClaudeOkBody
        : uri == Responses ? ResponsesCalls.ResponsesOkBody
        : uri.EndsWith(":generateContent", StringComparison.Ordinal) ? GeminiCalls.OkBody
        : ChatRequestJsonTests.OkBody;

    /// <summary>Asks once through the client, answered as <paramref name="uri"/> would answer, and returns the request the handler received.</summary>
    private static async Task<RecordedRequest> AskAsync(Harness harness, IChatClient chat, string uri, ChatOptions? options = null)
    {
        int before = harness.Handler.Requests.Count;
        harness.Handler.Enqueue(Reply.Json(OkBodyFor(uri)));
        Assert.Equal("ok", (await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options, Harness.Ct)).Text);
        return harness.Handler.Requests[before];
    }

    private static async Task ListModelsAsync(Harness harness, string body = ModelList)
    {
        harness.Handler.Enqueue(Reply.Json(body));
        await harness.Client.ListModelsAsync(Harness.Ct);
    }

    public sealed class Family
    {
        [Theory]
        [InlineData("claude-opus-4-1", Messages)]
        [InlineData("Claude-3-5-Haiku", Messages)]
        [InlineData("gemini-2.5-pro", "https://gateway.test/v1beta/models/gemini-2.5-pro:generateContent")]
        [InlineData("models/gemini-2.5-pro", "https://gateway.test/v1beta/models/gemini-2.5-pro:generateContent")]
        [InlineData("gpt-4.1", ChatCompletions)]
        [InlineData("o3-pro", ChatCompletions)]
        [InlineData("deepseek-chat", ChatCompletions)]
        public async Task Without_a_model_list_the_family_decides(string model, string uri)
        {
            using var harness = new Harness();

            RecordedRequest request = await AskAsync(harness, harness.Client.GetChatClient(model, NexLLMChatProtocol.Auto), uri);

            Assert.Equal(uri, request.Uri.AbsoluteUri);
        }

        [Fact]
        public async Task A_Gemini_model_streams_over_streamGenerateContent()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(GeminiSse.Events(GeminiChunk.Text("ok", "STOP"))));

            await harness.Client.GetChatClient("gemini-2.5-flash", NexLLMChatProtocol.Auto)
                .GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: Harness.Ct).ToChatResponseAsync(Harness.Ct);

            Assert.Equal(GeminiCalls.StreamUri, harness.Handler.SingleRequest.Uri.AbsoluteUri);
        }
    }

    public sealed class Listed
    {
        [Theory]
        [InlineData("claude-sonnet-4-5", Messages)]
        [InlineData("gemini-2.5-flash", "https://gateway.test/v1beta/models/gemini-2.5-flash:generateContent")]
        [InlineData("gpt-4.1", ChatCompletions)]
        [InlineData("o3-pro", Responses)]
        [InlineData("codex-mini", Responses)]
        [InlineData("claude-via-openai", ChatCompletions)]
        [InlineData("house-gemini", "https://gateway.test/v1beta/models/house-gemini:generateContent")]
        public async Task After_ListModelsAsync_the_supported_endpoint_types_decide(string model, string uri)
        {
            // The native format first, then chat completions; only a model served for openai-response alone speaks Responses.
            using var harness = new Harness();
            IChatClient chat = harness.Client.GetChatClient(model, NexLLMChatProtocol.Auto);
            await ListModelsAsync(harness);

            RecordedRequest request = await AskAsync(harness, chat, uri);

            Assert.Equal(uri, request.Uri.AbsoluteUri);
        }

        [Theory]
        [InlineData("claude-opus-4-1", Messages)]
        [InlineData("gemini-untyped", "https://gateway.test/v1beta/models/gemini-untyped:generateContent")]
        [InlineData("text-embedding-3-small", ChatCompletions)]
        public async Task An_unlisted_model_or_one_without_a_chat_endpoint_type_falls_back_to_its_family(string model, string uri)
        {
            using var harness = new Harness();
            await ListModelsAsync(harness);

            RecordedRequest request = await AskAsync(harness, harness.Client.GetChatClient(model, NexLLMChatProtocol.Auto), uri);

            Assert.Equal(uri, request.Uri.AbsoluteUri);
        }

        [Fact]
        public async Task The_request_ModelId_decides_for_each_request()
        {
            using var harness = new Harness();
            await ListModelsAsync(harness);
            IChatClient chat = harness.Client.GetChatClient("gpt-4.1", NexLLMChatProtocol.Auto);

            RecordedRequest own = await AskAsync(harness, chat, ChatCompletions);
            RecordedRequest responses = await AskAsync(harness, chat, Responses, new ChatOptions { ModelId = "o3-pro" });
            RecordedRequest claude = await AskAsync(harness, chat, Messages, new ChatOptions { ModelId = "claude-sonnet-4-5" });
            RecordedRequest gemini = await AskAsync(harness, chat, GeminiUri("house-gemini"), new ChatOptions { ModelId = "house-gemini" });

            Assert.Equal(
                [ChatCompletions, Responses, Messages, GeminiUri("house-gemini")],
                new[] { own, responses, claude, gemini }.Select(r => r.Uri.AbsoluteUri));
            Assert.Equal(
                """{"model":"o3-pro","input":[{"type":"message","role":"user","content":"Hi"}],"store":false,"include":["reasoning.encrypted_content"]}""",
                responses.BodyText);
        }

        [Fact]
        public async Task A_Responses_model_streams_over_responses()
        {
            using var harness = new Harness();
            await ListModelsAsync(harness);
            harness.Handler.Enqueue(Reply.Sse(ResponsesSse.Events(ResponsesEvent.TextAnswer("ok"))));

            ChatResponse response = await harness.Client.GetChatClient("o3-pro", NexLLMChatProtocol.Auto)
                .GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: Harness.Ct).ToChatResponseAsync(Harness.Ct);

            Assert.Equal("ok", response.Text);
            Assert.Equal(Responses, harness.Handler.Requests[1].Uri.AbsoluteUri);
            Assert.Contains("\"stream\":true", harness.Handler.Requests[1].BodyText, StringComparison.Ordinal);
        }

        [Fact]
        public async Task The_last_list_replaces_the_one_before()
        {
            using var harness = new Harness();
            IChatClient chat = harness.Client.GetChatClient("o3-pro", NexLLMChatProtocol.Auto);
            await ListModelsAsync(harness);
            Assert.Equal(Responses, (await AskAsync(harness, chat, Responses)).Uri.AbsoluteUri);

            await ListModelsAsync(harness, """{"data":[{"id":"o3-pro","supported_endpoint_types":["openai"]}],"object":"list"}""");
            Assert.Equal(ChatCompletions, (await AskAsync(harness, chat, ChatCompletions)).Uri.AbsoluteUri);

            await ListModelsAsync(harness, """{"data":[],"object":"list"}""");
            Assert.Equal(ChatCompletions, (await AskAsync(harness, chat, ChatCompletions)).Uri.AbsoluteUri);
        }

        [Fact]
        public async Task A_list_that_failed_leaves_the_last_one_in_place()
        {
            using var harness = new Harness();
            IChatClient chat = harness.Client.GetChatClient("o3-pro", NexLLMChatProtocol.Auto);
            await ListModelsAsync(harness);
            harness.Handler.Enqueue(Reply.Json("""{"data":{"id":"not a list"}}"""));

            await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.ListModelsAsync(Harness.Ct));

            Assert.Equal(Responses, (await AskAsync(harness, chat, Responses)).Uri.AbsoluteUri);
        }
    }

    public sealed class Services
    {
        [Fact]
        public void GetService_gives_the_metadata_the_owning_client_itself_and_nothing_for_a_key()
        {
            using var harness = new Harness();
            IChatClient chat = harness.Client.GetChatClient("o3-pro", NexLLMChatProtocol.Auto);

            var metadata = Assert.IsType<ChatClientMetadata>(chat.GetService(typeof(ChatClientMetadata)));
            Assert.Equal(("nexllm", "https://gateway.test/v1/", "o3-pro"), (metadata.ProviderName, metadata.ProviderUri?.AbsoluteUri, metadata.DefaultModelId));
            Assert.Same(harness.Client, chat.GetService<NexLLMClient>());
            Assert.Same(chat, chat.GetService<IChatClient>());
            Assert.Null(chat.GetService(typeof(ChatClientMetadata), "key"));
            Assert.Null(chat.GetService(typeof(HttpClient)));
            Assert.Throws<ArgumentNullException>(() => chat.GetService(null!));
        }

        [Fact]
        public async Task Disposing_the_auto_client_leaves_the_owning_client_usable()
        {
            using var harness = new Harness();
            harness.Client.GetChatClient("gpt-4.1", NexLLMChatProtocol.Auto).Dispose();

            Assert.Equal(ChatCompletions, (await AskAsync(harness, harness.Client.GetChatClient("gpt-4.1", NexLLMChatProtocol.Auto), ChatCompletions)).Uri.AbsoluteUri);
        }
    }
}
