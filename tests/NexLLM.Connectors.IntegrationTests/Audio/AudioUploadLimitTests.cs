using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>
/// The request body limit (<see cref="NexLLMEmulatorOptions.MaxRequestBodyBytes"/>: new-api's 32 MB by default, raised
/// here so that a 64 MB upload goes through) and new-api's 413 above it.
/// </summary>
public sealed class AudioUploadLimitTests : EmulatorTest
{
    private const long RaisedLimit = 80L * 1024 * 1024;

    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.MaxRequestBodyBytes = RaisedLimit;
        return options;
    }

    [Fact]
    public async Task A64MegabyteUpload_GoesThrough_WhenTheLimitIsRaised()
    {
        using var http = new HttpClient();
        using var speech = Request("/audio/speech", new StringContent("""{"model":"tts-1","input":"Large upload.","voice":"echo","response_format":"pcm"}""", Encoding.UTF8, "application/json"));
        using var speechResponse = await http.SendAsync(speech, TestCancellation);
        short[] samples = WavAudio.Pcm(await speechResponse.Content.ReadAsByteArrayAsync(TestCancellation));

        // The speech's WAV with a 64 MB chunk after its data, which a WAV reader skips.
        var padding = new byte[(64 * 1024 * 1024) + 8];
        "junk"u8.CopyTo(padding);
        BinaryPrimitives.WriteInt32LittleEndian(padding.AsSpan(4), 64 * 1024 * 1024);
        using var form = new MultipartFormDataContent { { new StringContent("whisper-1"), "model" }, { new ByteArrayContent(WavAudio.Write(samples, padding)), "file", "large.wav" } };
        using var upload = Request("/audio/transcriptions", form);
        using var response = await http.SendAsync(upload, TestCancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Large upload.", JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestCancellation)).RootElement.GetProperty("text").GetString());
        Assert.True(Assert.Single(RequestsTo("/v1/audio/transcriptions")).Body.Length > 64 * 1024 * 1024);
    }

    [Fact]
    public async Task ABodyAboveTheLimit_IsNewApis413()
    {
        using var http = new HttpClient();
        using var form = new MultipartFormDataContent { { new StringContent("whisper-1"), "model" }, { new ByteArrayContent(new byte[RaisedLimit]), "file", "big.wav" } };
        using var upload = Request("/audio/transcriptions", form);

        // Expect: 100-continue lets the 413 arrive before the client sends the 80 MB the gateway refuses.
        upload.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(upload, TestCancellation);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestCancellation)).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("request body exceeds 80 MB: request body too large (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(("new_api_error", "read_request_body_failed"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
    }

    private HttpRequestMessage Request(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.Endpoint + path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        return request;
    }
}
