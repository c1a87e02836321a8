using System.Text;
using Microsoft.Net.Http.Headers;

namespace NexLLM.Connectors.Emulator.Recording;

/// <summary>
/// Splits a <c>multipart/form-data</c> body (RFC 7578) into its parts, for the image edit route and for tests that
/// read a recorded request. Failures are <see cref="FormatException"/>s with the messages of Go's
/// <c>mime/multipart</c>, which new-api wraps in its own (docs/protocols/images.md).
/// </summary>
internal static class MultipartBody
{
    private static readonly byte[] LineBreak = "\r\n"u8.ToArray();
    private static readonly byte[] HeadersEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>Whether the content type is a form upload, as new-api tests it (<c>strings.Contains</c>).</summary>
    public static bool IsMultipart(string? contentType) =>
        contentType?.Contains("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Returns the parts in order, each with its own copy of its bytes.</summary>
    /// <exception cref="FormatException">The content type has no boundary, or the body is not a complete multipart body.</exception>
    public static IReadOnlyList<EmulatorMultipartPart> Parse(string? contentType, byte[] body) =>
        [.. ParseParts(contentType, body).Select(p => new EmulatorMultipartPart(p.Name, p.FileName, p.ContentType, p.Content.ToArray()))];

    /// <summary>
    /// Returns the parts in order, their bytes slices of <paramref name="body"/> (no copy: an uploaded file stays the one
    /// copy the recording holds).
    /// </summary>
    /// <exception cref="FormatException">The content type has no boundary, or the body is not a complete multipart body.</exception>
    public static IReadOnlyList<FormPart> ParseParts(string? contentType, byte[] body)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary) is not { Length: > 0 } boundary)
        {
            throw new FormatException("no multipart boundary param in Content-Type");
        }

        byte[] delimiter = Encoding.ASCII.GetBytes("--" + boundary.Value);
        int position = body.AsSpan().IndexOf(delimiter);
        if (position < 0)
        {
            throw new FormatException("multipart: NextPart: EOF");
        }

        var parts = new List<FormPart>();
        position += delimiter.Length;
        while (!body.AsSpan(position).StartsWith("--"u8))
        {
            int lineEnd = IndexOf(body, LineBreak, position);
            int headersEnd = IndexOf(body, HeadersEnd, lineEnd);
            var headers = ReadHeaders(Encoding.UTF8.GetString(body, lineEnd, headersEnd + LineBreak.Length - lineEnd));
            int contentStart = headersEnd + HeadersEnd.Length;
            int contentEnd = IndexOf(body, [.. LineBreak, .. delimiter], contentStart);
            parts.Add(ReadPart(headers, body.AsMemory(contentStart, contentEnd - contentStart)));
            position = IndexOf(body, delimiter, contentEnd) + delimiter.Length;
        }

        return parts;
    }

    private static int IndexOf(byte[] body, ReadOnlySpan<byte> value, int from)
    {
        int found = from < 0 || from > body.Length ? -1 : body.AsSpan(from).IndexOf(value);
        return found >= 0 ? from + found : throw new FormatException("multipart: NextPart: EOF");
    }

    private static Dictionary<string, string> ReadHeaders(string block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in block.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"malformed MIME header line: {line}");
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return headers;
    }

    private static FormPart ReadPart(Dictionary<string, string> headers, ReadOnlyMemory<byte> content)
    {
        if (!headers.TryGetValue(HeaderNames.ContentDisposition, out string? disposition)
            || !ContentDispositionHeaderValue.TryParse(disposition, out var value))
        {
            throw new FormatException("multipart: part has no Content-Disposition form-data header");
        }

        string name = HeaderUtilities.RemoveQuotes(value.Name).Value ?? "";
        string? fileName = value.FileNameStar.HasValue ? value.FileNameStar.Value
            : value.FileName.HasValue ? HeaderUtilities.RemoveQuotes(value.FileName).Value
            : null;
        headers.TryGetValue(HeaderNames.ContentType, out string? contentType);
        return new FormPart(name, fileName, contentType, content);
    }
}
