using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace NexLLM.Connectors.Tests.Embeddings;

/// <summary>
/// A fake <c>/v1/embeddings</c> that answers each request from its own body, so concurrent batches can be checked:
/// the vector of an input <c>"item N"</c> is <c>[N, length, -N]</c>, in base64, with the data items in reverse order.
/// It counts how many requests are in flight at once.
/// </summary>
public sealed class EmbeddingsServer : HttpMessageHandler
{
    private readonly ConcurrentQueue<JsonElement> _requests = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _count;

    /// <summary>Gets or sets how long each request takes (so that concurrent ones overlap).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Gets or sets an answer that replaces the normal one for a request number (1-based), e.g. an error status.</summary>
    public Func<int, JsonElement, HttpResponseMessage?>? Override { get; set; }

    public IReadOnlyList<JsonElement> Requests => [.. _requests];

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static float[] VectorOf(string input)
    {
        float n = float.Parse(input.Split(' ')[^1], CultureInfo.InvariantCulture);
        return [n, input.Length, -n];
    }

    public static string Base64Of(float[] vector) => Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int number = Interlocked.Increment(ref _count);
        int inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            int seen;
            while (inFlight > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
            {
            }

            JsonElement body = JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken)).RootElement.Clone();
            _requests.Enqueue(body);
            await Task.Delay(Latency, cancellationToken);
            if (Override?.Invoke(number, body) is { } replaced)
            {
                return replaced;
            }

            string[] inputs = [.. body.GetProperty("input").EnumerateArray().Select(static e => e.GetString()!)];
            var data = new StringBuilder();
            for (int i = inputs.Length - 1; i >= 0; i--)
            {
                data.Append(data.Length == 0 ? "" : ",")
                    .Append(CultureInfo.InvariantCulture, $$"""{"object":"embedding","index":{{i}},"embedding":"{{Base64Of(VectorOf(inputs[i]))}}"}""");
            }

            string json = $$$"""{"object":"list","data":[{{{data}}}],"model":"text-embedding-3-small","usage":{"prompt_tokens":{{{inputs.Length * 2}}},"total_tokens":{{{inputs.Length * 2}}}}}""";
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
                RequestMessage = request,
                Headers = { { "X-Oneapi-Request-Id", $"req-{number}" } },
            };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
