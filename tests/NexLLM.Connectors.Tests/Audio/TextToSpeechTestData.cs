using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>Audio, events and calls shared by the text-to-speech tests.</summary>
internal static class TextToSpeechTestData
{
    public const string Model = "gpt-4o-mini-tts";
    public const string Text = "Hello there.";
    public const string RequestId = "req-tts";

    /// <summary>The first bytes of an MP3 file with an ID3 tag: enough to stand for audio.</summary>
    public static readonly byte[] Mp3 = [(byte)'I', (byte)'D', (byte)'3', 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFB, 0x90, 0x64];

    /// <summary>PCM samples that begin with the bytes of a UTF-8 byte order mark (EF BB BF): they must stay.</summary>
    public static readonly byte[] PcmStartingLikeABom = [0xEF, 0xBB, 0xBF, 0x00, 0x10, 0x20, 0x30, 0x40];

    /// <summary>A WAV file's bytes: a 44-byte header, then 600 bytes of samples (enough to arrive in several reads).</summary>
    public static byte[] Wav()
    {
        byte[] bytes = new byte[644];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(bytes, 0);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(bytes, 8);
        for (int i = 44; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 7);
        }

        return bytes;
    }

    public static Reply AudioReply(byte[] bytes, string contentType = "audio/mpeg") =>
        Reply.Status(200).WithBody(bytes).WithContentType(contentType).WithHeader("X-Oneapi-Request-Id", RequestId);

    /// <summary>A chunked audio body: one read per chunk at most.</summary>
    public static Reply ChunkedAudio(IEnumerable<byte[]> chunks, string contentType = "audio/wav") =>
        Reply.Status(200).WithBody(ScriptedStream.OfChunks(chunks)).WithContentType(contentType).WithHeader("X-Oneapi-Request-Id", RequestId);

    public static string Delta(byte[] audio) => $$"""{"type":"speech.audio.delta","audio":"{{Convert.ToBase64String(audio)}}"}""";

    public const string DoneWithUsage =
        """{"type":"speech.audio.done","usage":{"input_tokens":14,"output_tokens":101,"total_tokens":115,"input_token_details":{"text_tokens":14,"audio_tokens":0},"output_token_details":{"audio_tokens":101}}}""";

    public static Reply SseReply(string events) => Reply.Sse(events).WithHeader("X-Oneapi-Request-Id", RequestId);

    public static TextToSpeechOptions SseOptions() => new TextToSpeechOptions().WithSpeechStreamFormat(NexLLMSpeechStreamFormat.Sse);

    /// <summary>Calls <c>GetAudioAsync</c> once against a queued answer and returns what was sent and what came back.</summary>
    public static async Task<(RecordedRequest Request, TextToSpeechResponse Response)> CallAsync(
        Reply answer, TextToSpeechOptions? options = null, string text = Text, string model = Model)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(answer);
        TextToSpeechResponse response = await harness.Client.GetTextToSpeechClient(model).GetAudioAsync(text, options, Harness.Ct);
        return (harness.Handler.SingleRequest, response);
    }

    /// <summary>Streams once against a queued answer and collects every update.</summary>
    public static async Task<(RecordedRequest Request, List<TextToSpeechResponseUpdate> Updates)> StreamAsync(
        Reply answer, TextToSpeechOptions? options = null, Action<NexLLMClientOptions>? configure = null)
    {
        using var harness = new Harness(configure);
        harness.Handler.Enqueue(answer);
        List<TextToSpeechResponseUpdate> updates = await CollectAsync(harness.Client.GetTextToSpeechClient(Model).GetStreamingAudioAsync(Text, options, Harness.Ct));
        return (harness.Handler.SingleRequest, updates);
    }

    public static async Task<List<TextToSpeechResponseUpdate>> CollectAsync(IAsyncEnumerable<TextToSpeechResponseUpdate> stream)
    {
        var updates = new List<TextToSpeechResponseUpdate>();
        await foreach (TextToSpeechResponseUpdate update in stream)
        {
            updates.Add(update);
        }

        return updates;
    }

    /// <summary>The audio of every update, concatenated in order.</summary>
    public static byte[] AllAudio(IEnumerable<TextToSpeechResponseUpdate> updates) =>
        [.. updates.SelectMany(u => u.Contents.OfType<DataContent>()).SelectMany(d => d.Data.ToArray())];
}
