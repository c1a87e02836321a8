using System.Buffers;
using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace NexLLM.Connectors.Benchmarks.Floor;

/// <summary>
/// The hand-written floor: a raw <see cref="HttpClient"/> posting a fixed body, and <see cref="Utf8JsonReader"/> pulling
/// only the fields a caller needs (the text; the vectors) out of the answer. What any client must at least spend.
/// </summary>
public sealed class FloorClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly byte[] EmbeddingField = "embedding"u8.ToArray();
    private static readonly byte[] ImageField = "b64_json"u8.ToArray();
    private static readonly byte[] TextField = "text"u8.ToArray();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    /// <summary>Posts <paramref name="body"/> and returns the answer once its headers arrived: the body is read from the socket by the caller.</summary>
    public async Task<HttpResponseMessage> PostAsync(Uri uri, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) { Headers = { ContentType = Json } } };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk-bench");
        HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary>Streams: the total length of the text fragments named <paramref name="field"/> (OpenAI <c>content</c>, Claude and Gemini <c>text</c>).</summary>
    public async Task<int> StreamTextAsync(Uri uri, byte[] body, byte[] field)
    {
        using HttpResponseMessage response = await PostAsync(uri, body);
        int total = 0;
        await SseReader.ReadAsync(await response.Content.ReadAsStreamAsync(), data => total += TextLength(data, field));
        return total;
    }

    /// <summary>Non-streamed answers: the text's length (the text is materialised, as a caller needs it).</summary>
    public async Task<int> TextAsync(Uri uri, byte[] body, byte[] field)
    {
        using HttpResponseMessage response = await PostAsync(uri, body);
        using PooledBytes bytes = await PooledBytes.ReadAsync(response);
        return TextLength(bytes.Span, field);
    }

    /// <summary>Embeddings: every vector, decoded from base64 or read from a number array, in order of appearance.</summary>
    public Task<float[][]> EmbeddingsAsync(Uri uri, byte[] body, int count) =>
        ValuesAsync(uri, body, count, EmbeddingField, static (ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String ? DecodeBase64(reader.ValueSpan) : ReadNumbers(ref reader));

    /// <summary>Images: each <c>b64_json</c>, decoded from the body's bytes into an array of its exact size, in order of appearance.</summary>
    public Task<byte[][]> ImagesAsync(Uri uri, byte[] body, int count) =>
        ValuesAsync(uri, body, count, ImageField, static (ref Utf8JsonReader reader) =>
        {
            ReadOnlySpan<byte> base64 = reader.ValueSpan;
            int padding = base64.EndsWith("=="u8) ? 2 : base64.EndsWith("="u8) ? 1 : 0;
            byte[] image = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length) - padding];
            Base64.DecodeFromUtf8(base64, image, out _, out _);
            return image;
        });

    /// <summary>
    /// Transcription: posts <paramref name="audio"/> as the <c>file</c> of a hand-written multipart form (<see cref="FloorUpload"/>)
    /// and returns the answer's <c>text</c>.
    /// </summary>
    public async Task<string> TranscribeAsync(Uri uri, string model, Stream audio)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FloorUpload(model, audio) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk-bench");
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using PooledBytes bytes = await PooledBytes.ReadAsync(response);
        var reader = new Utf8JsonReader(bytes.Span);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(TextField) && reader.Read())
            {
                return reader.GetString()!;
            }
        }

        throw new InvalidOperationException("The transcription answer has no text.");
    }

    /// <summary>
    /// Streamed speech: posts <paramref name="body"/> and reads the audio as it arrives through one pooled buffer, handing
    /// each read to <paramref name="sink"/> when there is one; returns the audio's length.
    /// </summary>
    public async Task<long> SpeechAsync(Uri uri, byte[] body, Stream? sink = null)
    {
        using HttpResponseMessage response = await PostAsync(uri, body);
        Stream audio = await response.Content.ReadAsStreamAsync();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        long total = 0;
        int read;
        while ((read = await audio.ReadAsync(buffer)) > 0)
        {
            total += read;
            if (sink is not null)
            {
                await sink.WriteAsync(buffer.AsMemory(0, read));
            }
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return total;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Posts <paramref name="body"/> and reads the value of every property named <paramref name="field"/>, in order of appearance.</summary>
    private async Task<T[]> ValuesAsync<T>(Uri uri, byte[] body, int count, byte[] field, ValueReader<T> read)
    {
        using HttpResponseMessage response = await PostAsync(uri, body);
        using PooledBytes bytes = await PooledBytes.ReadAsync(response);
        var values = new T[count];
        var reader = new Utf8JsonReader(bytes.Span);
        int next = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(field) && reader.Read())
            {
                values[next++] = read(ref reader);
            }
        }

        return values;
    }

    private static int TextLength(ReadOnlySpan<byte> json, byte[] field)
    {
        var reader = new Utf8JsonReader(json);
        int total = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(field) && reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                total += reader.GetString()!.Length;
            }
        }

        return total;
    }

    private static float[] DecodeBase64(ReadOnlySpan<byte> base64)
    {
        var vector = new float[Base64.GetMaxDecodedFromUtf8Length(base64.Length) / sizeof(float)];
        Base64.DecodeFromUtf8(base64, MemoryMarshal.AsBytes(vector.AsSpan()), out _, out int written);
        return written == vector.Length * sizeof(float) ? vector : vector[..(written / sizeof(float))];
    }

    private static float[] ReadNumbers(ref Utf8JsonReader reader)
    {
        float[] buffer = ArrayPool<float>.Shared.Rent(4096);
        int count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            buffer[count++] = reader.GetSingle();
        }

        float[] vector = buffer.AsSpan(0, count).ToArray();
        ArrayPool<float>.Shared.Return(buffer);
        return vector;
    }

    /// <summary>Reads the value the reader is on.</summary>
    private delegate T ValueReader<T>(ref Utf8JsonReader reader);

    /// <summary>A whole body in a pooled buffer.</summary>
    private readonly struct PooledBytes(byte[] buffer, int length) : IDisposable
    {
        public ReadOnlySpan<byte> Span => buffer.AsSpan(0, length);

        public static async Task<PooledBytes> ReadAsync(HttpResponseMessage response)
        {
            // Straight from the socket into a pooled array sized by Content-Length: the body is copied once.
            Stream stream = await response.Content.ReadAsStreamAsync();
            byte[] buffer = ArrayPool<byte>.Shared.Rent((int)(response.Content.Headers.ContentLength ?? 64 * 1024));
            int length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length))) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return new PooledBytes(buffer, length);
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>
    /// The least multipart form a transcription needs, written by hand: the <c>model</c> field and the <c>file</c> part's
    /// headers, the audio copied from its stream to the socket (<see cref="Stream.CopyToAsync(Stream)"/>: a
    /// <see cref="MemoryStream"/> writes its buffer at once, other streams go through one pooled buffer), the closing
    /// boundary, and a <c>Content-Length</c> when the stream can tell its length.
    /// </summary>
    private sealed class FloorUpload : HttpContent
    {
        private const string Boundary = "floor-7d1f2a9c4b3e4f6a8e0b5c2d1a9f8e7d";
        private static readonly byte[] Tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        private static readonly MediaTypeHeaderValue FormType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        private readonly byte[] _head;
        private readonly Stream _audio;

        public FloorUpload(string model, Stream audio)
        {
            _head = Encoding.ASCII.GetBytes(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n{model}\r\n" +
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio.wav\"\r\nContent-Type: audio/wav\r\n\r\n");
            _audio = audio;
            Headers.ContentType = FormType;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(_head);
            await _audio.CopyToAsync(stream);
            await stream.WriteAsync(Tail);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _audio.CanSeek ? _head.Length + (_audio.Length - _audio.Position) + Tail.Length : 0;
            return _audio.CanSeek;
        }
    }
}
