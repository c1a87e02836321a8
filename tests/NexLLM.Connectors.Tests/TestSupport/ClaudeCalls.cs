using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>The Claude Messages client of a <see cref="Harness"/>, and the calls the Claude tests make through it.</summary>
public static class ClaudeCalls
{
    public const string Model = "claude-sonnet-4-5";

    /// <summary>A minimal valid non-streamed answer.</summary>
    public const string ClaudeOkBody =
        """{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}""";

    public static IChatClient Claude(this Harness harness, string model = Model) => harness.Client.GetChatClient(model, NexLLMChatProtocol.ClaudeMessages);

    /// <summary>Sends the messages, non-streamed, through a fresh client and returns the one request the handler received.</summary>
    public static Task<RecordedRequest> SentClaudeRequestAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, string model = Model) =>
        ChatCalls.SentRequestAsync(harness => harness.Claude(model), ClaudeOkBody, messages, options);

    /// <summary>Sends the messages, non-streamed, and returns the body the handler received.</summary>
    public static async Task<string> SentClaudeBodyAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, string model = Model) =>
        (await SentClaudeRequestAsync(messages, options, model)).BodyText;

    /// <summary>Sends one user message "Hello" with the options and returns the body the handler received.</summary>
    public static Task<string> SentClaudeBodyAsync(ChatOptions? options, string model = Model) =>
        SentClaudeBodyAsync([new ChatMessage(ChatRole.User, "Hello")], options, model);

    /// <summary>Asks once, non-streamed, with "Hi".</summary>
    public static Task<ChatResponse> AskClaudeAsync(this Harness harness, ChatOptions? options = null) =>
        harness.Claude().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options, Harness.Ct);

    /// <summary>Streams with "Hi" to the end and returns the updates read before any exception, and that exception.</summary>
    public static Task<(List<ChatResponseUpdate> Updates, Exception? Error)> StreamClaudeAsync(
        this Harness harness, IEnumerable<ChatMessage>? messages = null, ChatOptions? options = null) =>
        ChatCalls.CollectAsync(harness.Claude(), messages, options);

    /// <summary>Replays one exact stream body and returns its updates; the stream must end without an error.</summary>
    public static Task<List<ChatResponseUpdate>> ReplayStreamAsync(string body, string? requestId = null) =>
        ChatCalls.ReplayStreamAsync(harness => harness.Claude(), body, requestId);
}
