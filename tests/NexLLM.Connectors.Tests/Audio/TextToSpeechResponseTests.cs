using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.TextToSpeechTestData;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>What <c>GetAudioAsync</c> returns for each answer of <c>POST /v1/audio/speech</c> (docs/protocols/audio.md#speech).</summary>
public sealed class TextToSpeechResponseTests
{
    [Fact]
    public async Task The_whole_file_is_one_data_content_with_the_model_the_request_id_and_the_raw_bytes()
    {
        var (_, response) = await CallAsync(AudioReply(Mp3));

        DataContent audio = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal(Mp3, audio.Data.ToArray());
        Assert.Equal("audio/mpeg", audio.MediaType);
        Assert.Null(audio.AdditionalProperties);
        Assert.Equal(Model, response.ModelId);
        Assert.Equal(RequestId, response.AdditionalProperties?["nexllm.request_id"]);
        Assert.Equal(Mp3, Assert.IsType<byte[]>(response.RawRepresentation));
        Assert.Null(response.Usage);
    }

    [Theory]
    [InlineData("mp3", "audio/mpeg", "audio/mpeg")]
    [InlineData("opus", "audio/opus", "audio/opus")]
    [InlineData("aac", "audio/aac", "audio/aac")]
    [InlineData("flac", "audio/flac", "audio/flac")]
    [InlineData("wav", "audio/wav", "audio/wav")]
    [InlineData("audio/x-wav", "audio/x-wav", "audio/wav")]
    [InlineData("pcm", "audio/pcm", "audio/pcm")]
    [InlineData("wav", "application/octet-stream", "audio/wav")]
    public async Task Each_format_has_its_media_type_whatever_audio_type_the_server_names(string format, string contentType, string mediaType)
    {
        var (_, response) = await CallAsync(AudioReply(Mp3, contentType), new TextToSpeechOptions { AudioFormat = format });

        Assert.Equal(mediaType, Assert.IsType<DataContent>(Assert.Single(response.Contents)).MediaType);
    }

    [Theory]
    [InlineData("audio/mpeg", "audio/mpeg")]
    [InlineData("audio/mp3", "audio/mpeg")]
    [InlineData("audio/wav", "audio/wav")]
    [InlineData("application/octet-stream", "audio/mpeg")]
    public async Task Without_a_format_the_media_type_follows_the_content_type_and_defaults_to_mp3(string contentType, string mediaType)
    {
        var (request, response) = await CallAsync(AudioReply(Mp3, contentType));

        Assert.DoesNotContain("response_format", request.BodyText, StringComparison.Ordinal);
        Assert.Equal(mediaType, Assert.IsType<DataContent>(Assert.Single(response.Contents)).MediaType);
    }

    [Fact]
    public async Task Pcm_says_its_rate_width_channels_and_byte_order_and_keeps_bytes_that_look_like_a_bom()
    {
        var (_, response) = await CallAsync(AudioReply(PcmStartingLikeABom, "audio/pcm"), new TextToSpeechOptions { AudioFormat = "pcm" });

        DataContent audio = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal(PcmStartingLikeABom, audio.Data.ToArray());
        Assert.Equal("audio/pcm", audio.MediaType);
        Assert.Equal(24_000, audio.AdditionalProperties?["nexllm.audio.sample_rate"]);
        Assert.Equal(16, audio.AdditionalProperties?["nexllm.audio.bits_per_sample"]);
        Assert.Equal(1, audio.AdditionalProperties?["nexllm.audio.channels"]);
        Assert.Equal("little-endian", audio.AdditionalProperties?["nexllm.audio.byte_order"]);
    }

    [Fact]
    public async Task A_json_error_with_status_200_is_raised_not_returned_as_audio()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"voice not found","type":"invalid_request_error","code":"voice_not_found"}}""")
            .WithHeader("X-Oneapi-Request-Id", RequestId));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetTextToSpeechClient(Model).GetAudioAsync(Text, null, Harness.Ct));

        Assert.Equal((NexLLMErrorKind.HttpStatus, 200, "invalid_request_error", "voice_not_found", RequestId), (ex.Kind, ex.StatusCode, ex.ErrorType, ex.ErrorCode, ex.RequestId));
        Assert.Contains("voice not found", ex.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Requests);
    }

    [Theory]
    [InlineData("{\"id\":1}", "application/json")]
    [InlineData("<html><title>Bad gateway</title></html>", "text/html")]
    [InlineData("data: {}\n\n", "text/event-stream")]
    public async Task A_200_body_that_is_not_audio_is_an_invalid_response(string body, string contentType)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(200, body, contentType));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetTextToSpeechClient(Model).GetAudioAsync(Text, null, Harness.Ct));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains($"is {contentType}, not audio", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_audio_body_is_an_invalid_response()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(AudioReply([]));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetTextToSpeechClient(Model).GetAudioAsync(Text, null, Harness.Ct));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task An_error_status_is_typed_and_a_failing_first_attempt_is_retried()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(
            Reply.Json("""{"error":{"message":"upstream overloaded","type":"upstream_error"}}""", 503),
            AudioReply(Mp3));

        Task<TextToSpeechResponse> call = harness.Client.GetTextToSpeechClient(Model).GetAudioAsync(Text, null, Harness.Ct);
        await harness.Clock.SkipRetryDelayAsync();
        TextToSpeechResponse response = await call;

        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.Equal(harness.Handler.Requests[0].Body, harness.Handler.Requests[1].Body);
        Assert.Equal(Mp3, Assert.IsType<DataContent>(Assert.Single(response.Contents)).Data.ToArray());
    }

    [Fact]
    public async Task A_bad_request_is_not_retried()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"instructions are not supported for tts-1","type":"invalid_request_error"}}""", 400));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetTextToSpeechClient("tts-1").GetAudioAsync(Text, null, Harness.Ct));

        Assert.Equal((NexLLMErrorKind.HttpStatus, 400, false), (ex.Kind, ex.StatusCode, ex.IsTransient));
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task An_audio_file_over_the_body_cap_is_refused()
    {
        using var harness = new Harness(o => o.MaxResponseBytes = 1024);
        harness.Handler.Enqueue(AudioReply(new byte[1025]));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetTextToSpeechClient(Model).GetAudioAsync(Text, null, Harness.Ct));

        Assert.Equal(NexLLMErrorKind.ResponseTooLarge, ex.Kind);
    }

    [Fact]
    public void GetService_answers_metadata_the_client_and_itself_and_nothing_for_a_key()
    {
        using var harness = new Harness();
        ITextToSpeechClient client = harness.Client.GetTextToSpeechClient(Model);

        TextToSpeechClientMetadata? metadata = client.GetService<TextToSpeechClientMetadata>();
        Assert.Equal(("nexllm", Harness.Endpoint.AbsoluteUri + "/", Model), (metadata?.ProviderName, metadata?.ProviderUri?.AbsoluteUri, metadata?.DefaultModelId));
        Assert.Same(harness.Client, client.GetService<NexLLMClient>());
        Assert.Same(client, client.GetService<ITextToSpeechClient>());
        Assert.Null(client.GetService<TextToSpeechClientMetadata>("key"));
        Assert.Throws<ArgumentNullException>(() => client.GetService(null!));
    }
}
