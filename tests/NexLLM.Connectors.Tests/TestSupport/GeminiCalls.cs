using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>The Gemini generateContent client of a <see cref="Harness"/>, and the calls the Gemini tests make through it.</summary>
public static class GeminiCalls
{
    public const string Model = "gemini-2.5-flash";

    /// <summary>Where a <see cref="Harness"/> client sends non-streamed requests for <see cref="Model"/>.</summary>
    public const string GenerateUri = "https://gateway.test/v1beta/models/gemini-2.5-flash:generateContent";

    /// <summary>Where a <see cref="Harness"/> client sends streamed requests for <see cref="Model"/>.</summary>
    public const string StreamUri = "https://gateway.test/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";

    /// <summary>The body of a one-message "Hello" request without options.</summary>
    public const string HelloBody = """{"contents":[{"role":"user","parts":[{"text":"Hello"}]}]}""";

    /// <summary>A minimal valid non-streamed answer.</summary>
    public const string OkBody =
        """{"candidates":[{"content":{"role":"model","parts":[{"text":"ok"}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":1,"totalTokenCount":6},"modelVersion":"gemini-2.5-flash","responseId":"resp-ok"}""";

    public static IChatClient Gemini(this Harness harness, string model = Model) => harness.Client.GetChatClient(model, NexLLMChatProtocol.GeminiGenerateContent);

    /// <summary>Sends the messages, non-streamed, through a fresh client and returns the one request the handler received.</summary>
    public static Task<RecordedRequest> SentGeminiRequestAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, string model = Model) =>
        ChatCalls.SentRequestAsync(harness => harness.Gemini(model), OkBody, messages, options);

    /// <summary>Sends the messages, non-streamed, and returns the body the handler received.</summary>
    public static async Task<string> SentGeminiBodyAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null) =>
        (await SentGeminiRequestAsync(messages, options)).BodyText;

    /// <summary>Sends one user message "Hello" with the options and returns the body the handler received.</summary>
    public static Task<string> SentGeminiBodyAsync(ChatOptions? options) =>
        SentGeminiBodyAsync([new ChatMessage(ChatRole.User, "Hello")], options);

    /// <summary>Asks once, non-streamed, with "Hi".</summary>
    public static Task<ChatResponse> AskGeminiAsync(this Harness harness, ChatOptions? options = null) =>
        harness.Gemini().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options, Harness.Ct);

    /// <summary>Answers one non-streamed call with this exact body and returns the mapped response.</summary>
    public static Task<ChatResponse> ReplayAnswerAsync(string body, string? requestId = null) =>
        ChatCalls.ReplayAnswerAsync(harness => harness.Gemini(), body, requestId);

    /// <summary>Streams with "Hi" to the end and returns the updates read before any exception, and that exception.</summary>
    public static Task<(List<ChatResponseUpdate> Updates, Exception? Error)> StreamGeminiAsync(
        this Harness harness, IEnumerable<ChatMessage>? messages = null, ChatOptions? options = null) =>
        ChatCalls.CollectAsync(harness.Gemini(), messages, options);

    /// <summary>Replays one exact stream body and returns its updates; the stream must end without an error.</summary>
    public static Task<List<ChatResponseUpdate>> ReplayGeminiStreamAsync(string body, string? requestId = null) =>
        ChatCalls.ReplayStreamAsync(harness => harness.Gemini(), body, requestId);
}
