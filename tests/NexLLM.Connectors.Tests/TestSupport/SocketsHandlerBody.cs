using System.IO.Compression;
using System.Net.Http.Headers;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// What the socket handler does to a response body before the client sees it, for tests without sockets: it reads exactly
/// <c>Content-Length</c> bytes (a body that ends sooner fails with an <see cref="HttpIOException"/>, bytes past it are
/// never read), and, with automatic decompression as the client's own handler is configured, decodes the last
/// <c>Content-Encoding</c> when it is gzip, deflate or br, removing that label and <c>Content-Length</c> from the headers.
/// Only the last label is decoded: <c>gzip, br</c> reaches the client br-decoded and still labelled gzip, as with the
/// real handler. The decoders are the framework's own, so they fail exactly as they do behind a socket (the Brotli
/// decoder with an <see cref="InvalidOperationException"/>, the others with an <see cref="InvalidDataException"/>).
/// </summary>
public static class SocketsHandlerBody
{
    /// <summary>The content the client would read in place of <paramref name="wire"/>, whose headers are already set.</summary>
    public static HttpContent Apply(HttpContent wire, Stream body)
    {
        HttpContentHeaders headers = wire.Headers;
        Stream stream = headers.ContentLength is { } length ? new ContentLengthStream(body, length) : body;
        string? encoding = headers.ContentEncoding.LastOrDefault();
        Stream? decoded = encoding?.ToUpperInvariant() switch
        {
            "GZIP" => new GZipStream(stream, CompressionMode.Decompress),
            // Raw DEFLATE: the real handler also takes a zlib-wrapped body; both fail alike on bytes that are neither.
            "DEFLATE" => new DeflateStream(stream, CompressionMode.Decompress),
            "BR" => new BrotliStream(stream, CompressionMode.Decompress),
            _ => null,
        };

        var content = new StreamContent(decoded ?? stream);
        foreach (KeyValuePair<string, IEnumerable<string>> header in headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (decoded is not null)
        {
            // The handler removes the label it decoded, and the length, which described the encoded bytes.
            content.Headers.ContentEncoding.Remove(encoding!);
            content.Headers.ContentLength = null;
        }
        else
        {
            content.Headers.ContentLength = headers.ContentLength;
        }

        return content;
    }

    /// <summary>Encodes a body as a server would before labelling it with <paramref name="encoding"/> (gzip, deflate or br).</summary>
    public static byte[] Encode(byte[] body, string encoding)
    {
        var output = new MemoryStream();
        using (Stream encoder = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => throw new ArgumentException($"Unknown encoding {encoding}.", nameof(encoding)),
        })
        {
            encoder.Write(body);
        }

        return output.ToArray();
    }

    /// <summary>The handler's framing by <c>Content-Length</c>: that many bytes, no more, and a premature end is an error.</summary>
    private sealed class ContentLengthStream(Stream inner, long length) : ReadOnlyStream
    {
        private long _remaining = length;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_remaining == 0 || buffer.IsEmpty)
            {
                return 0;
            }

            int read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
            if (read == 0)
            {
                throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
            }

            _remaining -= read;
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
