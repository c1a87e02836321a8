using System.Net;
using System.Text.Json;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>The transcription routes' refusals, layer by layer: new-api's 500s, then OpenAI's 400s as the gateway relays them.</summary>
public sealed partial class AudioEmulatorTests
{
    [Theory]
    [InlineData("gpt-4o-transcribe", "verbose_json", "response_format 'verbose_json' is not compatible with model 'gpt-4o-transcribe'. Use 'json' or 'text' instead.")]
    [InlineData("gpt-4o-mini-transcribe", "srt", "response_format 'srt' is not compatible with model 'gpt-4o-mini-transcribe'. Use 'json' or 'text' instead.")]
    [InlineData("gpt-4o-transcribe", "vtt", "response_format 'vtt' is not compatible with model 'gpt-4o-transcribe'. Use 'json' or 'text' instead.")]
    [InlineData("whisper-1", "diarized_json", "response_format 'diarized_json' is not compatible with model 'whisper-1'.")]
    public async Task AFormatTheModelDoesNotWrite_IsRefused(string model, string format, string message)
    {
        var (status, body) = await TranscribeErrorAsync(("model", model), ("response_format", format));

        GatewayAssert.OpenAIRefusal(status, body, message, "response_format", "unsupported_value");
    }

    [Theory]
    [InlineData(new[] { "model", "whisper-1", "response_format", "xml" }, "Invalid value: 'xml'.", "response_format", "invalid_value")]
    [InlineData(new[] { "model", "whisper-1", "timestamp_granularities[]", "word" }, "timestamp_granularities[] is only supported with response_format 'verbose_json'.", "timestamp_granularities", "unsupported_value")]
    [InlineData(new[] { "model", "whisper-1", "response_format", "verbose_json", "timestamp_granularities[]", "char" }, "Invalid value: 'char'. Supported values are: 'word', and 'segment'.", "timestamp_granularities", "invalid_value")]
    [InlineData(new[] { "model", "whisper-1", "include[]", "logprobs" }, "Unsupported value: 'include' does not support 'logprobs' with this model.", "include", "unsupported_value")]
    [InlineData(new[] { "model", "gpt-4o-transcribe", "response_format", "text", "include[]", "logprobs" }, "Unsupported value: 'include' supports 'logprobs' only with response_format 'json'.", "include", "unsupported_value")]
    [InlineData(new[] { "model", "gpt-4o-transcribe", "include[]", "segments" }, "Invalid value: 'segments'. Supported values are: 'logprobs'.", "include", "invalid_value")]
    [InlineData(new[] { "model", "whisper-1", "temperature", "1.5" }, "Invalid 'temperature': decimal above maximum value. Expected a value <= 1, but got 1.5 instead.", "temperature", "decimal_above_max_value")]
    [InlineData(new[] { "model", "whisper-1", "temperature", "warm" }, "Invalid type for 'temperature': expected a decimal, but got a string instead.", "temperature", "invalid_type")]
    [InlineData(new[] { "model", "gpt-4o-transcribe", "stream", "yes" }, "Invalid type for 'stream': expected a boolean, but got a string instead.", "stream", "invalid_type")]
    [InlineData(new[] { "model", "gpt-4o-transcribe-diarize", "response_format", "diarized_json" }, "The NexLLM emulator does not write diarized_json", "response_format", "unsupported_response_format")]
    public async Task OpenAIsRefusals_OfTheForm_Are400s(string[] pairs, string messageStart, string param, string code)
    {
        var fields = pairs.Chunk(2).Select(p => (p[0], p[1])).ToArray();

        var (status, body) = await TranscribeErrorAsync(fields);

        GatewayAssert.OpenAIRefusal(status, body, messageStart, param, code);
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("speech.pcm")]
    [InlineData("speech")]
    public async Task AFileNameWithoutASupportedExtension_IsOpenAIsInvalidFileFormat(string fileName)
    {
        var (status, _, text) = await TranscribeAsync(await SpeechFileAsync("Hi", "wav"), fileName, ("model", "whisper-1"));
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(
            "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'] (request id: ",
            error.GetProperty("message").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(("invalid_request_error", "", JsonValueKind.Null), (error.GetProperty("type").GetString(), error.GetProperty("param").GetString(), error.GetProperty("code").ValueKind));
    }

    [Fact]
    public async Task AudioShorterThanATenthOfASecond_IsTooShort()
    {
        var (status, _, text) = await TranscribeAsync(WavAudio.Write(new short[2_000]), "blip.wav", ("model", "whisper-1"));

        GatewayAssert.OpenAIRefusal(status, JsonDocument.Parse(text).RootElement, "Audio file is too short. Minimum audio length is 0.1 seconds.", "file", "audio_too_short");
    }

    [Theory]
    [InlineData(new[] { "response_format", "json" }, "model is required")]
    [InlineData(new[] { "model", "whisper-1", "model", "gpt-4o-transcribe" }, "json: cannot unmarshal array into Go struct field AudioRequest.model of type string")]
    [InlineData(new[] { "model", "whisper-1", "speed", "2" }, "json: cannot unmarshal string into Go struct field AudioRequest.speed of type float64")]
    public async Task NewApisOwnChecks_OfTheForm_Are500InvalidRequest(string[] pairs, string message)
    {
        var (status, body) = await TranscribeErrorAsync([.. pairs.Chunk(2).Select(p => (p[0], p[1]))]);

        GatewayAssert.InvalidRequest(status, body, message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFormWithoutAFile_IsNewApis500ConvertRequestFailed(bool fileWithoutName)
    {
        var (status, _, text) = await TranscribeAsync(fileWithoutName ? [1, 2, 3] : null, null, "transcriptions", ("model", "whisper-1"));
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.StartsWith("file is required (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(("new_api_error", "convert_request_failed"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> TranscribeErrorAsync(params (string Name, string Value)[] fields)
    {
        var (status, _, text) = await TranscribeAsync(await SpeechFileAsync("Hi", "wav"), "hi.wav", fields);
        return (status, JsonDocument.Parse(text).RootElement.Clone());
    }
}
