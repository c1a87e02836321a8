using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.TestSupport;

/// <summary>Plain HTTP to an emulator, for the tests that check the wire itself (status, headers, exact bodies).</summary>
internal sealed class RawGateway(NexLLMEmulator emulator) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = emulator.BaseAddress };

    /// <summary>Sends a request; <paramref name="auth"/> is how the key travels: <c>bearer</c>, <c>x-api-key</c>, <c>x-goog-api-key</c> or <c>none</c>.</summary>
    public async Task<RawAnswer> SendAsync(
        HttpMethod method, string path, string? json = null, string auth = "bearer", IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        switch (auth)
        {
            case "bearer":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
                break;
            case "none":
                break;
            default:
                request.Headers.Add(auth, emulator.ApiKey);
                break;
        }

        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new RawAnswer(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, text);
    }

    public Task<RawAnswer> PostAsync(string path, string json, string auth = "bearer") =>
        SendAsync(HttpMethod.Post, path, json, auth, cancellationToken: TestContext.Current.CancellationToken);

    public Task<RawAnswer> GetAsync(string path, string auth = "bearer") =>
        SendAsync(HttpMethod.Get, path, null, auth, cancellationToken: TestContext.Current.CancellationToken);

    public void Dispose() => _http.Dispose();
}

/// <summary>A whole answer: status, response headers, media type and body.</summary>
internal sealed record RawAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, string? MediaType, string Body)
{
    /// <summary>Parses the body as JSON (a detached copy).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    /// <summary>The value of a response header, or <see langword="null"/>.</summary>
    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.Single() : null;

    /// <summary>The <c>data:</c> payloads of an SSE body, parsed.</summary>
    public IReadOnlyList<JsonElement> DataEvents() =>
        [.. Body.Split('\n').Where(line => line.StartsWith("data: ", StringComparison.Ordinal)).Select(line => JsonDocument.Parse(line[6..]).RootElement.Clone())];
}
