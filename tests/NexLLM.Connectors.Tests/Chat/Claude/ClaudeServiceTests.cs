using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>The Claude chat client answers <see cref="IChatClient.GetService"/> like every adapter (docs/architecture.md#public-surface).</summary>
public sealed class ClaudeServiceTests
{
    [Fact]
    public void Metadata_names_nexllm_the_endpoint_and_the_model()
    {
        using var harness = new Harness();
        IChatClient chat = harness.Claude("claude-opus-4-1");

        var metadata = Assert.IsType<ChatClientMetadata>(chat.GetService(typeof(ChatClientMetadata)));

        Assert.Equal(("nexllm", "https://gateway.test/v1/", "claude-opus-4-1"), (metadata.ProviderName, metadata.ProviderUri?.AbsoluteUri, metadata.DefaultModelId));
    }

    [Fact]
    public void Returns_the_owning_client_and_itself_and_nothing_for_a_key_or_an_unknown_type()
    {
        using var harness = new Harness();
        IChatClient chat = harness.Claude();

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
        harness.Claude().Dispose();
        harness.Handler.Enqueue(Reply.Json(ClaudeCalls.ClaudeOkBody));

        Assert.Equal("ok", (await harness.AskClaudeAsync()).Text);
    }
}
