using System.Globalization;
using System.Text;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Completions;

/// <summary>Legacy completion bodies and chunks in the gateway's shape (docs/protocols/completions.md), and calls through a <see cref="Harness"/>.</summary>
internal static class CompletionTestData
{
    public const string Model = "gpt-3.5-turbo-instruct";

    public const string Usage = """{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}""";

    /// <summary>A body with one choice.</summary>
    public static string Body(string text = "Hello!", string finishReason = "stop") =>
        $$"""{"id":"cmpl-1","object":"text_completion","created":1710000000,"model":"{{Model}}","choices":[{"text":{{Json.Quote(text)}},"index":0,"logprobs":null,"finish_reason":"{{finishReason}}"}],"usage":{{Usage}}}""";

    /// <summary>A stream chunk with one choice's text (and its finish reason).</summary>
    public static string Text(string text, int index = 0, string? finishReason = null, string id = "cmpl-1") =>
        $$"""{"id":"{{id}}","object":"text_completion","created":1710000000,"model":"{{Model}}","choices":[{"text":{{Json.Quote(text)}},"index":{{index.ToString(CultureInfo.InvariantCulture)}},"logprobs":null,"finish_reason":{{(finishReason is null ? "null" : Json.Quote(finishReason))}}}]}""";

    /// <summary>The usage chunk as new-api writes it when the upstream sent none: a chat chunk with no choices (docs/protocols/completions.md#through-the-gateway).</summary>
    public static string UsageChunk(string id = "cmpl-1") =>
        $$"""{"id":"{{id}}","object":"chat.completion.chunk","created":1710000000,"model":"{{Model}}","system_fingerprint":null,"choices":[],"usage":{{Usage}}}""";

    public static async Task<(RecordedRequest Request, NexLLMCompletion Completion)> CompleteAsync(
        string body, NexLLMCompletionOptions? options = null, string prompt = "Say hi")
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(body).WithHeader("X-Oneapi-Request-Id", "rid-c"));
        NexLLMCompletion completion = await harness.Client.GetCompletionClient(Model).CompleteAsync(prompt, options, Harness.Ct);
        return (harness.Handler.SingleRequest, completion);
    }

    /// <summary>Streams to the end and returns the updates read before any exception, and that exception.</summary>
    public static async Task<(List<NexLLMCompletionUpdate> Updates, Exception? Error)> CollectAsync(Harness harness, NexLLMCompletionOptions? options = null)
    {
        var updates = new List<NexLLMCompletionUpdate>();
        try
        {
            await foreach (NexLLMCompletionUpdate update in harness.Client.GetCompletionClient(Model).CompleteStreamingAsync("Say hi", options, Harness.Ct))
            {
                updates.Add(update);
            }

            return (updates, null);
        }
        catch (Exception ex)
        {
            return (updates, ex);
        }
    }

    /// <summary>Renders updates field by field, so that runs over differently framed bytes compare exactly.</summary>
    public static string Render(IEnumerable<NexLLMCompletionUpdate> updates)
    {
        var text = new StringBuilder();
        foreach (NexLLMCompletionUpdate u in updates)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{u.Id}|{u.ModelId}|{u.CreatedAt:O}|{u.ChoiceIndex}|{u.FinishReason}|{u.RawFinishReason}] {Json.Quote(u.Text)}");
            if (u.Usage is { } usage)
            {
                text.Append(CultureInfo.InvariantCulture, $" usage:{usage.InputTokenCount}/{usage.OutputTokenCount}/{usage.TotalTokenCount}");
            }

            if (u.Logprobs is { } logprobs)
            {
                text.Append(" logprobs:").Append(logprobs.GetRawText());
            }

            if (u.RequestId is { } requestId)
            {
                text.Append(" rid:").Append(requestId);
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
