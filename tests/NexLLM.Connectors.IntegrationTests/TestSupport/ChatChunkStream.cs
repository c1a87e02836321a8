using System.Net;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.TestSupport;

/// <summary>Posts a streamed chat-completions request over a real socket and reads its <c>data:</c> events.</summary>
internal static class ChatChunkStream
{
    /// <summary>The JSON of every event before <c>data: [DONE]</c>, which must end the stream.</summary>
    public static async Task<List<JsonElement>> PostAsync(NexLLMEmulator emulator, string json, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Endpoint + "/chat/completions"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Authorization", "Bearer " + emulator.ApiKey);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        string stream = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, stream);
        Assert.EndsWith("data: [DONE]\n\n", stream, StringComparison.Ordinal);
        return [.. stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(e => e != "data: [DONE]")
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.Clone())];
    }
}
