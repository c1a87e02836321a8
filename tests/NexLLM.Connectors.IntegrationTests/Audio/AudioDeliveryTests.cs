using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>
/// A speech body arrives in flushed chunks: with a pause between chunks long enough that only the first can have
/// arrived when the test reads it, the read still returns the WAV's start.
/// </summary>
public sealed class AudioDeliveryTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.StreamChunkDelay = TimeSpan.FromMinutes(10);
        return options;
    }

    [Fact]
    public async Task Speech_ArrivesInFlushedChunks_TheFirstBeforeTheRest()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.Endpoint + "/audio/speech"))
        {
            Content = new StringContent("""{"model":"tts-1","input":"Hi","voice":"echo","response_format":"wav"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestCancellation);
        await using var body = await response.Content.ReadAsStreamAsync(TestCancellation);

        var first = new byte[64 * 1024];
        int read = await body.ReadAtLeastAsync(first, 4, throwOnEndOfStream: true, TestCancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("RIFF"u8.ToArray(), first[..4]);
        Assert.Equal(24_000, WavAudio.Read(first).SampleRate);

        // 26,924 bytes in four chunks of 6,731: the next one waits ten minutes.
        Assert.InRange(read, 44, 6_731);
    }
}
