using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static NexLLM.Connectors.IntegrationTests.Realtime.RealtimeTestSocket;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>Audio on the realtime route: the input buffer, its transcription, server VAD, and audio responses, all in the speech route's tone code.</summary>
public sealed partial class RealtimeEmulatorTests
{
    private const string Spoken = "Hello there.";

    [Fact]
    public async Task Commit_MakesAUserAudioItem_AndTranscribesIt_WithTheSpeechRoutesDecoder()
    {
        byte[] pcm = await SpeechPcmAsync(Spoken);
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync("""{"type":"session.update","session":{"modalities":["text"],"turn_detection":null,"input_audio_transcription":{"model":"whisper-1"}}}""");
        await socket.ReceiveUntilAsync("session.updated");

        await socket.SendAsync(Append(pcm[..(pcm.Length / 2)]));
        await socket.SendAsync(Append(pcm[(pcm.Length / 2)..]));
        await socket.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        var events = await socket.ReceiveUntilAsync("conversation.item.input_audio_transcription.completed");

        Assert.Equal(["input_audio_buffer.committed", "conversation.item.created", "conversation.item.input_audio_transcription.completed"], events.Select(Type));
        string itemId = events[0].GetProperty("item_id").GetString()!;
        var item = events[1].GetProperty("item");
        Assert.Equal((itemId, "user", "input_audio"), (item.GetProperty("id").GetString(), item.GetProperty("role").GetString(), item.GetProperty("content")[0].GetProperty("type").GetString()));
        Assert.Equal((itemId, Spoken), (events[2].GetProperty("item_id").GetString(), events[2].GetProperty("transcript").GetString()));

        await socket.SendAsync("""{"type":"response.create"}""");
        var done = (await socket.ReceiveUntilAsync("response.done"))[^1].GetProperty("response");
        Assert.True(done.GetProperty("usage").GetProperty("input_token_details").GetProperty("audio_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Commit_WithAGpt4oTranscribeModel_StreamsTranscriptionDeltas_BeforeTheCompletedOne()
    {
        byte[] pcm = await SpeechPcmAsync("One two three four five six seven.");
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync("""{"type":"session.update","session":{"modalities":["text"],"turn_detection":null,"input_audio_transcription":{"model":"gpt-4o-transcribe"}}}""");
        await socket.ReceiveUntilAsync("session.updated");

        await socket.SendAsync(Append(pcm));
        await socket.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        var events = await socket.ReceiveUntilAsync("conversation.item.input_audio_transcription.completed");

        var deltas = events.Where(e => Type(e) == "conversation.item.input_audio_transcription.delta").ToList();
        Assert.True(deltas.Count >= 2, $"expected several deltas, got {deltas.Count}");
        Assert.Equal("One two three four five six seven.", string.Concat(deltas.Select(d => d.GetProperty("delta").GetString())));
        Assert.Equal("One two three four five six seven.", events[^1].GetProperty("transcript").GetString());
    }

    [Fact]
    public async Task Clear_EmptiesTheBuffer_SoACommitHasNothing()
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync(TextOnly);
        await socket.ReceiveUntilAsync("session.updated");

        await socket.SendAsync(Append(await SpeechPcmAsync(Spoken)));
        await socket.SendAsync("""{"type":"input_audio_buffer.clear"}""");
        var cleared = (await socket.ReceiveAsync())!.Value;
        await socket.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        var error = (await socket.ReceiveAsync())!.Value;

        Assert.Equal("input_audio_buffer.cleared", Type(cleared));
        Assert.Equal("input_audio_buffer_commit_empty", error.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ServerVad_FindsTheSpeech_CommitsIt_AndAnswers()
    {
        byte[] speech = await SpeechPcmAsync(Spoken);
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync("""{"type":"session.update","session":{"modalities":["text"],"turn_detection":{"type":"server_vad","silence_duration_ms":500}}}""");
        await socket.ReceiveUntilAsync("session.updated");

        // 300 ms of silence, the speech (which ends with the tone code's 400 ms pause after a sentence), 600 ms of silence.
        await socket.SendAsync(Append(new byte[300 * 48]));
        await socket.SendAsync(Append(speech));
        await socket.SendAsync(Append(new byte[600 * 48]));
        var events = await socket.ReceiveUntilAsync("response.done");

        Assert.Equal(["input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed", "conversation.item.created", "response.created"], events.Take(5).Select(Type));
        string itemId = events[0].GetProperty("item_id").GetString()!;
        Assert.Equal(300, events[0].GetProperty("audio_start_ms").GetInt32());
        Assert.Equal(300 + (speech.Length / 48) - 400, events[1].GetProperty("audio_end_ms").GetInt32());
        Assert.Equal(itemId, events[1].GetProperty("item_id").GetString());
        Assert.Equal(itemId, events[2].GetProperty("item_id").GetString());
        Assert.Equal("completed", events[^1].GetProperty("response").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AudioResponse_StreamsTheSpeechRoutesPcm_AndItsTranscript()
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync("""{"type":"session.update","session":{"modalities":["audio","text"],"turn_detection":null}}""");
        await socket.ReceiveUntilAsync("session.updated");
        await socket.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Tell me about tones."}]}}""");
        await socket.ReceiveAsync();

        await socket.SendAsync("""{"type":"response.create"}""");
        var events = await socket.ReceiveUntilAsync("response.done");

        Assert.DoesNotContain("response.text.delta", events.Select(Type));
        Assert.Equal("audio", events.Single(e => Type(e) == "response.content_part.added").GetProperty("part").GetProperty("type").GetString());
        string transcript = string.Concat(events.Where(e => Type(e) == "response.audio_transcript.delta").Select(e => e.GetProperty("delta").GetString()));
        Assert.Equal(transcript, events.Single(e => Type(e) == "response.audio_transcript.done").GetProperty("transcript").GetString());
        Assert.Single(events, e => Type(e) == "response.audio.done");
        byte[] audio = [.. events.Where(e => Type(e) == "response.audio.delta").SelectMany(e => Convert.FromBase64String(e.GetProperty("delta").GetString()!))];
        Assert.Equal(await SpeechPcmAsync(transcript), audio);
        var done = events[^1].GetProperty("response");
        Assert.Equal(transcript, done.GetProperty("output")[0].GetProperty("content")[0].GetProperty("transcript").GetString());
        Assert.True(done.GetProperty("usage").GetProperty("output_token_details").GetProperty("audio_tokens").GetInt32() > 0);
    }

    private static string Append(byte[] pcm) => JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "input_audio_buffer.append", ["audio"] = Convert.ToBase64String(pcm) });

    /// <summary>The speech route's pcm for a text (24 kHz pcm16, speed 1): the audio the realtime route must speak and hear.</summary>
    private async Task<byte[]> SpeechPcmAsync(string text)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Emulator.Endpoint.ToString().TrimEnd('/') + "/audio/speech");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        request.Content = new StringContent(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["model"] = "gpt-4o-mini-tts", ["input"] = text, ["voice"] = "alloy", ["response_format"] = "pcm" }),
            Encoding.UTF8,
            "application/json");
        using var response = await http.SendAsync(request, TestCancellation);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(TestCancellation);
    }
}
