using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.TextToSpeechTestData;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>
/// <c>GetStreamingAudioAsync</c>: the audio as it arrives, from the file's chunked bytes or from server-sent events
/// (docs/protocols/audio.md#speech), with the end-of-stream, error and timeout rules of every stream (docs/reliability.md).
/// </summary>
public sealed class TextToSpeechStreamingTests
{
    [Fact]
    public async Task A_chunked_body_yields_an_update_per_read_whose_bytes_concatenate_to_the_file()
    {
        byte[] wav = Wav();
        byte[][] chunks = [wav[..44], wav[44..300], wav[300..]];

        var (_, updates) = await StreamAsync(ChunkedAudio(chunks), new TextToSpeechOptions { AudioFormat = "wav" });

        Assert.Equal(4, updates.Count);
        Assert.Equal(chunks, updates.Take(3).Select(u => Assert.IsType<DataContent>(Assert.Single(u.Contents)).Data.ToArray()));
        Assert.All(updates.Take(3), u => Assert.Equal((TextToSpeechResponseUpdateKind.AudioUpdating, "audio/wav", Model), (u.Kind, ((DataContent)u.Contents[0]).MediaType, u.ModelId)));
        Assert.Equal(wav, AllAudio(updates));

        TextToSpeechResponseUpdate last = updates[^1];
        Assert.Equal(TextToSpeechResponseUpdateKind.AudioUpdated, last.Kind);
        Assert.Empty(last.Contents);
        Assert.Equal(RequestId, last.AdditionalProperties?["nexllm.request_id"]);
        Assert.All(updates.Take(3), u => Assert.Null(u.AdditionalProperties));
    }

    [Fact]
    public async Task A_body_of_one_byte_reads_still_concatenates_to_the_file_and_merges_into_one_response()
    {
        byte[] wav = Wav();
        Reply oneByteReads = Reply.Status(200).WithBody(wav, maxReadSize: 1).WithContentType("audio/wav");

        var (_, updates) = await StreamAsync(oneByteReads, new TextToSpeechOptions { AudioFormat = "wav" });
        TextToSpeechResponse merged = updates.ToTextToSpeechResponse();

        Assert.Equal(wav.Length + 1, updates.Count);
        Assert.Equal(wav, merged.Contents.OfType<DataContent>().SelectMany(d => d.Data.ToArray()).ToArray());
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(3, 10)]
    [InlineData(3, 11)]
    public async Task Pcm_is_handed_out_in_whole_samples_whatever_the_reads(int bytesPerRead, int length)
    {
        byte[] pcm = [.. Enumerable.Range(1, length).Select(i => (byte)i)];
        Reply reads = Reply.Status(200).WithBody(pcm, maxReadSize: bytesPerRead).WithContentType("audio/pcm");

        var (_, updates) = await StreamAsync(reads, new TextToSpeechOptions { AudioFormat = "pcm" });
        byte[][] chunks = [.. updates.SelectMany(u => u.Contents.OfType<DataContent>()).Select(d => d.Data.ToArray())];

        Assert.Equal(pcm, chunks.SelectMany(c => c).ToArray());
        Assert.All(chunks[..^1], c => Assert.True(c.Length % 2 == 0, $"a chunk of {c.Length} bytes splits a sample"));
        Assert.Equal(length % 2, chunks[^1].Length % 2);
    }

    [Fact]
    public async Task Pcm_chunks_carry_the_pcm_properties_and_default_audio_follows_the_content_type()
    {
        var (_, pcm) = await StreamAsync(ChunkedAudio([PcmStartingLikeABom], "audio/pcm"), new TextToSpeechOptions { AudioFormat = "pcm" });
        var (_, mp3) = await StreamAsync(ChunkedAudio([Mp3], "audio/mpeg"));

        DataContent pcmChunk = Assert.IsType<DataContent>(Assert.Single(pcm[0].Contents));
        Assert.Equal(PcmStartingLikeABom, pcmChunk.Data.ToArray());
        Assert.Equal(("audio/pcm", 24_000), (pcmChunk.MediaType, pcmChunk.AdditionalProperties?["nexllm.audio.sample_rate"]));
        Assert.Equal("audio/mpeg", ((DataContent)mp3[0].Contents[0]).MediaType);
    }

    [Fact]
    public async Task A_json_error_in_a_200_body_is_raised_when_audio_was_streamed()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"quota exhausted","type":"new_api_error","code":"insufficient_user_quota"}}"""));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => CollectAsync(harness.Client.GetTextToSpeechClient(Model).GetStreamingAudioAsync(Text, null, Harness.Ct)));

        Assert.Equal((NexLLMErrorKind.HttpStatus, "insufficient_user_quota"), (ex.Kind, ex.ErrorCode));
        Assert.True(harness.Handler.AllBodiesDisposed);
    }

    [Fact]
    public async Task An_idle_stall_between_chunks_is_a_timeout_and_releases_the_body()
    {
        using var harness = new Harness(o => o.StreamIdleTimeout = TimeSpan.FromSeconds(60));
        var body = new ScriptedStream().Then(Mp3).ThenStall();
        harness.Handler.Enqueue(Reply.Status(200).WithBody(body).WithContentType("audio/mpeg").WithHeader("X-Oneapi-Request-Id", RequestId));
        await using IAsyncEnumerator<TextToSpeechResponseUpdate> updates =
            harness.Client.GetTextToSpeechClient(Model).GetStreamingAudioAsync(Text, null, Harness.Ct).GetAsyncEnumerator(Harness.Ct);
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(Mp3, ((DataContent)updates.Current.Contents[0]).Data.ToArray());

        Task<bool> next = updates.MoveNextAsync().AsTask();
        await body.WaitForBlockedReadAsync();
        await harness.Clock.FireAsync(TimeSpan.FromSeconds(60), "the idle timeout");

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => next.WaitAsync(TimeSpan.FromSeconds(5), Harness.Ct));
        Assert.Equal((NexLLMErrorKind.Timeout, RequestId), (ex.Kind, ex.RequestId));
        await body.Disposal.WaitAsync(TimeSpan.FromSeconds(5), Harness.Ct);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_failing_first_attempt_is_retried_before_any_audio_and_a_cut_after_audio_is_not()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"busy"}}""", 503), ChunkedAudio([Mp3], "audio/mpeg"));
        Task<List<TextToSpeechResponseUpdate>> call = CollectAsync(harness.Client.GetTextToSpeechClient(Model).GetStreamingAudioAsync(Text, null, Harness.Ct));
        await harness.Clock.SkipRetryDelayAsync();
        Assert.Equal(Mp3, AllAudio(await call));
        Assert.Equal(2, harness.Handler.Requests.Count);

        using var cut = new Harness();
        cut.Handler.Enqueue(Reply.Status(200).WithBody(new ScriptedStream().Then(Mp3).ThenFail(new IOException("reset")).End()).WithContentType("audio/mpeg"));
        var ex = await Assert.ThrowsAsync<NexLLMException>(() => CollectAsync(cut.Client.GetTextToSpeechClient(Model).GetStreamingAudioAsync(Text, null, Harness.Ct)));
        Assert.Equal(NexLLMErrorKind.Connection, ex.Kind);
        Assert.Single(cut.Handler.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sse_deltas_become_audio_and_done_the_last_update_with_usage(bool withEventLines)
    {
        byte[] first = Mp3[..6];
        byte[] second = Mp3[6..];
        string events = withEventLines
            ? $"event: speech.audio.delta\ndata: {Delta(first)}\n\nevent: speech.audio.delta\ndata: {Delta(second)}\n\nevent: speech.audio.done\ndata: {DoneWithUsage}\n\n"
            : Sse.Events(Delta(first), Delta(second), DoneWithUsage);

        var (_, updates) = await StreamAsync(SseReply(events), SseOptions());

        Assert.Equal(3, updates.Count);
        Assert.Equal([first, second], updates.Take(2).Select(u => ((DataContent)Assert.Single(u.Contents)).Data.ToArray()));
        Assert.All(updates.Take(2), u => Assert.Equal((TextToSpeechResponseUpdateKind.AudioUpdating, "audio/mpeg"), (u.Kind, ((DataContent)u.Contents[0]).MediaType)));
        Assert.Equal(Mp3, AllAudio(updates));

        TextToSpeechResponseUpdate last = updates[^1];
        Assert.Equal(TextToSpeechResponseUpdateKind.AudioUpdated, last.Kind);
        Assert.Equal(RequestId, last.AdditionalProperties?["nexllm.request_id"]);
        UsageDetails usage = Assert.IsType<UsageContent>(Assert.Single(last.Contents)).Details;
        Assert.Equal((14L, 101L, 115L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount));
        Assert.Equal((0L, 14L, 101L), (usage.InputAudioTokenCount, usage.InputTextTokenCount, usage.OutputAudioTokenCount));
        Assert.Equal(101L, usage.AdditionalCounts?[NexLLMUsageCounts.AudioOutputTokens]);
        Assert.Equal(0L, usage.AdditionalCounts?[NexLLMUsageCounts.AudioInputTokens]);

        TextToSpeechResponse merged = updates.ToTextToSpeechResponse();
        Assert.Equal(115L, merged.Usage?.TotalTokenCount);
        Assert.Equal(2, merged.Contents.Count);
    }

    [Fact]
    public async Task Usage_without_details_maps_the_totals_only()
    {
        var (_, updates) = await StreamAsync(
            SseReply(Sse.Events(Delta(Mp3), """{"type":"speech.audio.done","usage":{"input_tokens":5,"output_tokens":40}}""")), SseOptions());

        UsageDetails usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details;
        Assert.Equal((5L, 40L, 45L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount));
        Assert.Null(usage.OutputAudioTokenCount);
        Assert.Null(usage.AdditionalCounts);
    }

    [Fact]
    public async Task An_sse_stream_without_its_done_event_is_truncated_unless_incomplete_streams_are_allowed()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(SseReply(Sse.Events(Delta(Mp3))));
        var ex = await Assert.ThrowsAsync<NexLLMException>(
            () => CollectAsync(harness.Client.GetTextToSpeechClient(Model).GetStreamingAudioAsync(Text, SseOptions(), Harness.Ct)));
        Assert.Equal(NexLLMErrorKind.TruncatedStream, ex.Kind);
        Assert.Contains("speech.audio.done", ex.Message, StringComparison.Ordinal);

        var (_, updates) = await StreamAsync(SseReply(Sse.Events(Delta(Mp3))), SseOptions(), o => o.AllowIncompleteStreams = true);
        Assert.Equal(Mp3, AllAudio(updates));
        Assert.Equal((TextToSpeechResponseUpdateKind.AudioUpdated, RequestId), (updates[^1].Kind, updates[^1].AdditionalProperties?["nexllm.request_id"]));
    }

    [Theory]
    [InlineData("data: {\"type\":\"error\",\"error\":{\"message\":\"upstream failed\",\"type\":\"server_error\"}}\n\n")]
    [InlineData("data: {\"error\":{\"message\":\"upstream failed\",\"type\":\"server_error\"}}\n\n")]
    [InlineData("{\"error\":{\"message\":\"upstream failed\",\"type\":\"server_error\"}}")]
    public async Task An_error_after_audio_is_an_in_stream_error(string error)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(SseReply(Sse.Data(Delta(Mp3)) + error));
        var updates = new List<TextToSpeechResponseUpdate>();

        var ex = await Assert.ThrowsAsync<NexLLMException>(async () =>
        {
            await foreach (TextToSpeechResponseUpdate update in harness.Client.GetTextToSpeechClient(Model).GetStreamingAudioAsync(Text, SseOptions(), Harness.Ct))
            {
                updates.Add(update);
            }
        });

        Assert.Equal((NexLLMErrorKind.InStreamError, "server_error", RequestId), (ex.Kind, ex.ErrorType, ex.RequestId));
        Assert.Contains("upstream failed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Mp3, AllAudio(updates));
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Audio_that_is_not_base64_is_an_invalid_response()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(SseReply(Sse.Data(Delta(Mp3)) + Sse.Data("""{"type":"speech.audio.delta","audio":"not base64!"}""")));

        var ex = await Assert.ThrowsAsync<NexLLMException>(
            () => CollectAsync(harness.Client.GetTextToSpeechClient(Model).GetStreamingAudioAsync(Text, SseOptions(), Harness.Ct)));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task An_sse_request_answered_with_audio_is_an_invalid_response()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(AudioReply(Mp3));

        var ex = await Assert.ThrowsAsync<NexLLMException>(
            () => CollectAsync(harness.Client.GetTextToSpeechClient(Model).GetStreamingAudioAsync(Text, SseOptions(), Harness.Ct)));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("audio/mpeg", ex.Message, StringComparison.Ordinal);
    }
}
