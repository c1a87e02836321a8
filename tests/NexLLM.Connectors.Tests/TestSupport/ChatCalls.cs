using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// The calls every format's tests make through a chat client of a <see cref="Harness"/>, whichever the format:
/// <see cref="ClaudeCalls"/>, <see cref="GeminiCalls"/> and <see cref="ResponsesCalls"/> name them for theirs.
/// </summary>
public static class ChatCalls
{
    /// <summary>A fresh harness whose one reply is this stream body, with the request id <c>rid-end</c>.</summary>
    public static Harness WithStream(string body, Action<NexLLMClientOptions>? configure = null)
    {
        var harness = new Harness(configure);
        harness.Handler.Enqueue(Reply.Sse(body).WithRequestId("rid-end"));
        return harness;
    }

    /// <summary>Sends the messages, non-streamed, through a fresh harness answering <paramref name="okBody"/>, and returns the one request it received.</summary>
    public static async Task<RecordedRequest> SentRequestAsync(Func<Harness, IChatClient> client, string okBody, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(okBody));
        await client(harness).GetResponseAsync(messages, options, Harness.Ct);
        return harness.Handler.SingleRequest;
    }

    /// <summary>Answers one non-streamed call with "Hi" with this exact body (and request id) and returns the mapped response.</summary>
    public static async Task<ChatResponse> ReplayAnswerAsync(Func<Harness, IChatClient> client, string body, string? requestId)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(body).WithRequestId(requestId));
        return await client(harness).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: Harness.Ct);
    }

    /// <summary>Streams to the end (by default one user message "Hi") and returns the updates read before any exception, and that exception.</summary>
    public static async Task<(List<ChatResponseUpdate> Updates, Exception? Error)> CollectAsync(IChatClient client, IEnumerable<ChatMessage>? messages, ChatOptions? options)
    {
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(messages ?? [new ChatMessage(ChatRole.User, "Hi")], options, Harness.Ct))
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

    /// <summary>Replays one exact stream body (and request id) and returns its updates; the stream must end without an error.</summary>
    public static async Task<List<ChatResponseUpdate>> ReplayStreamAsync(Func<Harness, IChatClient> client, string body, string? requestId)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(body).WithRequestId(requestId));
        var (updates, error) = await CollectAsync(client(harness), null, null);
        Assert.Null(error);
        return updates;
    }

    /// <summary>The reply with the gateway's request id header, when one is given.</summary>
    public static Reply WithRequestId(this Reply reply, string? requestId) => requestId is null ? reply : reply.WithHeader("X-Oneapi-Request-Id", requestId);
}
