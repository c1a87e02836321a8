using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>The Responses client of a <see cref="Harness"/>, and the calls the Responses tests make through it.</summary>
public static class ResponsesCalls
{
    /// <summary>A model without reasoning: no encrypted reasoning is asked for by default.</summary>
    public const string Model = "gpt-4.1";

    /// <summary>Where a <see cref="Harness"/> client sends every Responses request.</summary>
    public const string ResponsesUri = "https://gateway.test/v1/responses";

    /// <summary>A minimal valid non-streamed answer.</summary>
    public const string ResponsesOkBody =
        """{"id":"resp_ok","object":"response","created_at":1741290958,"status":"completed","error":null,"incomplete_details":null,"model":"gpt-4.1-2025-04-14","output":[{"type":"message","id":"msg_ok","status":"completed","role":"assistant","content":[{"type":"output_text","text":"ok","annotations":[]}]}],"store":false,"usage":{"input_tokens":5,"input_tokens_details":{"cached_tokens":0},"output_tokens":1,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":6}}""";

    public static IChatClient Responses(this Harness harness, string model = Model) => harness.Client.GetChatClient(model, NexLLMChatProtocol.Responses);

    /// <summary>Sends the messages, non-streamed, through a fresh client and returns the one request the handler received.</summary>
    public static Task<RecordedRequest> SentResponsesRequestAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, string model = Model) =>
        ChatCalls.SentRequestAsync(harness => harness.Responses(model), ResponsesOkBody, messages, options);

    /// <summary>Sends the messages, non-streamed, and returns the body the handler received.</summary>
    public static async Task<string> SentResponsesBodyAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, string model = Model) =>
        (await SentResponsesRequestAsync(messages, options, model)).BodyText;

    /// <summary>Sends one user message "Hello" with the options and returns the body the handler received.</summary>
    public static Task<string> SentResponsesBodyAsync(ChatOptions? options, string model = Model) =>
        SentResponsesBodyAsync([new ChatMessage(ChatRole.User, "Hello")], options, model);

    /// <summary>Asks once, non-streamed, with "Hi".</summary>
    public static Task<ChatResponse> AskResponsesAsync(this Harness harness, ChatOptions? options = null) =>
        harness.Responses().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options, Harness.Ct);

    /// <summary>Answers one non-streamed call with this exact body (and request id) and returns the mapped response.</summary>
    public static Task<ChatResponse> ReplayResponseAsync(string body, string? requestId = null) =>
        ChatCalls.ReplayAnswerAsync(harness => harness.Responses(), body, requestId);

    /// <summary>Streams with "Hi" to the end and returns the updates read before any exception, and that exception.</summary>
    public static Task<(List<ChatResponseUpdate> Updates, Exception? Error)> StreamResponsesAsync(
        this Harness harness, IEnumerable<ChatMessage>? messages = null, ChatOptions? options = null) =>
        ChatCalls.CollectAsync(harness.Responses(), messages, options);

    /// <summary>Replays one exact stream body (and request id) and returns its updates; the stream must end without an error.</summary>
    public static Task<List<ChatResponseUpdate>> ReplayResponsesStreamAsync(string body, string? requestId = null) =>
        ChatCalls.ReplayStreamAsync(harness => harness.Responses(), body, requestId);
}
