using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace NexLLM.Connectors.Images;

/// <summary>A file part of a <see cref="MultipartFormContent"/>: the caller's bytes, written as they are, never copied.</summary>
/// <param name="Name">The field name.</param>
/// <param name="FileName">The file name.</param>
/// <param name="MediaType">The part's <c>Content-Type</c>.</param>
/// <param name="Data">The bytes.</param>
internal readonly record struct FilePart(string Name, string FileName, string MediaType, ReadOnlyMemory<byte> Data);

/// <summary>
/// A <c>multipart/form-data</c> body (RFC 7578) that writes its text fields and then its files straight to the request
/// stream: each file's bytes go from the caller's memory to the socket without a copy, so an upload costs its part headers
/// and not its size. The length is known in advance, so the body goes out with a <c>Content-Length</c>. Names and file
/// names are encoded as the WHATWG form encoding does (CR, LF and <c>"</c> as <c>%0D</c>, <c>%0A</c>, <c>%22</c>).
/// A content is sent once; <see cref="Http.TransportRequest.ContentFactory"/> makes a new one per attempt.
/// </summary>
internal sealed class MultipartFormContent : HttpContent
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private readonly byte[][] _heads;
    private readonly ReadOnlyMemory<byte>[] _bodies;
    private readonly byte[] _end;

    /// <summary>Builds the body.</summary>
    /// <param name="boundary">The boundary: 1 to 70 characters of letters, digits and <c>-</c>, found in none of the parts.</param>
    /// <param name="fields">The text fields, in order.</param>
    /// <param name="files">The files, in order, after the fields.</param>
    public MultipartFormContent(string boundary, IReadOnlyList<KeyValuePair<string, string>> fields, IReadOnlyList<FilePart> files)
    {
        int parts = fields.Count + files.Count;
        _heads = new byte[parts][];
        _bodies = new ReadOnlyMemory<byte>[parts];
        string delimiter = "--" + boundary + "\r\n";
        int i = 0;
        foreach (KeyValuePair<string, string> field in fields)
        {
            _heads[i] = Encoding.UTF8.GetBytes($"{delimiter}Content-Disposition: form-data; name=\"{Escape(field.Key)}\"\r\n\r\n");
            _bodies[i++] = Encoding.UTF8.GetBytes(field.Value);
        }

        foreach (FilePart file in files)
        {
            _heads[i] = Encoding.UTF8.GetBytes(
                $"{delimiter}Content-Disposition: form-data; name=\"{Escape(file.Name)}\"; filename=\"{Escape(file.FileName)}\"\r\nContent-Type: {file.MediaType}\r\n\r\n");
            _bodies[i++] = file.Data;
        }

        _end = Encoding.ASCII.GetBytes("--" + boundary + "--\r\n");
        var contentType = new MediaTypeHeaderValue("multipart/form-data");
        contentType.Parameters.Add(new NameValueHeaderValue("boundary", boundary));
        Headers.ContentType = contentType;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (int i = 0; i < _heads.Length; i++)
        {
            await stream.WriteAsync(_heads[i], cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(_bodies[i], cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(CrLf, cancellationToken).ConfigureAwait(false);
        }

        await stream.WriteAsync(_end, cancellationToken).ConfigureAwait(false);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (int i = 0; i < _heads.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Write(_heads[i]);
            stream.Write(_bodies[i].Span);
            stream.Write(CrLf);
        }

        stream.Write(_end);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _end.Length;
        for (int i = 0; i < _heads.Length; i++)
        {
            length += _heads[i].Length + _bodies[i].Length + CrLf.Length;
        }

        return true;
    }

    /// <summary>A name or file name inside a quoted header parameter, encoded as browsers encode form names.</summary>
    private static string Escape(string name) =>
        name.AsSpan().IndexOfAny(SpecialCharacters) < 0 ? name : name.Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal).Replace("\"", "%22", StringComparison.Ordinal);

    private static readonly SearchValues<char> SpecialCharacters = SearchValues.Create("\r\n\"");
}
