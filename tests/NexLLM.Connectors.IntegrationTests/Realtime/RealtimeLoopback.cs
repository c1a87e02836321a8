using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>What the loopback tests share: a client on the scripted server, and reading a session's messages.</summary>
internal static class RealtimeLoopback
{
    public const string ApiKey = "sk-CANARY-realtime-0123456789abcdef";
    public const string Model = "gpt-4o-realtime-preview";

    public static NexLLMClient Client(RealtimeLoopbackServer server, Action<NexLLMClientOptions>? configure = null)
    {
        var options = new NexLLMClientOptions { Endpoint = server.Endpoint, ApiKey = ApiKey };
        configure?.Invoke(options);
        return new NexLLMClient(options);
    }

    /// <summary>A session for audio turns: pcm16 at 24 kHz both ways, whisper transcription, no voice detection (the caller commits).</summary>
    public static RealtimeSessionOptions AudioTurnOptions() => new()
    {
        OutputModalities = ["audio", "text"],
        InputAudioFormat = new RealtimeAudioFormat("audio/pcm", 24000),
        OutputAudioFormat = new RealtimeAudioFormat("audio/pcm", 24000),
        TranscriptionOptions = new TranscriptionOptions { ModelId = "whisper-1" },
        VoiceActivityDetection = new VoiceActivityDetectionOptions { Enabled = false },
    };

    /// <summary>Reads messages until (and including) the <paramref name="count"/>th <c>response.done</c>.</summary>
    public static async Task<List<RealtimeServerMessage>> ReadResponsesAsync(IRealtimeClientSession session, int count, CancellationToken cancellationToken)
    {
        var messages = new List<RealtimeServerMessage>();
        int done = 0;
        await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync(cancellationToken))
        {
            messages.Add(message);
            if (message.Type == RealtimeServerMessageType.ResponseDone && ++done == count)
            {
                break;
            }
        }

        return messages;
    }

    /// <summary>Reads every message until the session ends or fails; the failure is returned, not thrown.</summary>
    public static async Task<(List<RealtimeServerMessage> Messages, Exception? Error)> ReadAllAsync(IRealtimeClientSession session, CancellationToken cancellationToken)
    {
        var messages = new List<RealtimeServerMessage>();
        try
        {
            await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync(cancellationToken))
            {
                messages.Add(message);
            }

            return (messages, null);
        }
        catch (Exception ex)
        {
            return (messages, ex);
        }
    }

    /// <summary>The event's JSON with the <c>event_id</c> the client gives each <c>response.create</c> shown as <c>&lt;id&gt;</c>.</summary>
    public static string WithResponseIdShown(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"event_id\":\"nexllm_response_[0-9a-f]{8}_[0-9]+\"", "\"event_id\":\"<id>\"");

    public static string TextOf(IEnumerable<RealtimeServerMessage> messages) =>
        string.Concat(messages.OfType<OutputTextAudioRealtimeServerMessage>().Where(static m => m.Type == RealtimeServerMessageType.OutputTextDelta).Select(static m => m.Text));
}
