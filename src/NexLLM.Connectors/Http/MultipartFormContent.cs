using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text;

namespace NexLLM.Connectors.Http;

/// <summary>
/// A <c>multipart/form-data</c> body (RFC 7578) that writes its text fields and then its files straight to the request
/// stream: an in-memory file goes from the caller's memory to the socket without a copy, and a stream file is copied
/// through one pooled buffer as it is read, so an upload costs its part headers and not its size. When every length is
/// known the body goes out with a <c>Content-Length</c>, otherwise chunked. Names and file names are encoded as the WHATWG
/// form encoding does (CR, LF and <c>"</c> as <c>%0D</c>, <c>%0A</c>, <c>%22</c>). A content is sent once;
/// <see cref="TransportRequest.ContentFactory"/> makes a new one per attempt.
/// </summary>
internal sealed class MultipartFormContent : HttpContent
{
    private const int CopyBufferBytes = 64 * 1024;

    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private readonly byte[][] _heads;
    private readonly ReadOnlyMemory<byte>[] _bodies;
    private readonly Stream?[] _sources;
    private readonly long?[] _sourceLengths;
    private readonly byte[] _end;

    /// <summary>Builds the body.</summary>
    /// <param name="boundary">The boundary: 1 to 70 characters of letters, digits and <c>-</c>, found in none of the parts.</param>
    /// <param name="fields">The text fields, in order.</param>
    /// <param name="files">The files, in order, after the fields.</param>
    public MultipartFormContent(string boundary, IReadOnlyList<KeyValuePair<string, string>> fields, IReadOnlyList<FormFile> files)
    {
        int parts = fields.Count + files.Count;
        _heads = new byte[parts][];
        _bodies = new ReadOnlyMemory<byte>[parts];
        _sources = new Stream?[parts];
        _sourceLengths = new long?[parts];
        string delimiter = "--" + boundary + "\r\n";
        int i = 0;
        foreach (KeyValuePair<string, string> field in fields)
        {
            _heads[i] = Encoding.UTF8.GetBytes($"{delimiter}Content-Disposition: form-data; name=\"{Escape(field.Key)}\"\r\n\r\n");
            _bodies[i++] = Encoding.UTF8.GetBytes(field.Value);
        }

        foreach (FormFile file in files)
        {
            _heads[i] = Encoding.UTF8.GetBytes(
                $"{delimiter}Content-Disposition: form-data; name=\"{Escape(file.Name)}\"; filename=\"{Escape(file.FileName)}\"\r\nContent-Type: {file.MediaType}\r\n\r\n");
            _bodies[i] = file.Data;
            _sources[i] = file.Source;
            _sourceLengths[i++] = file.SourceLength;
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
            if (_sources[i] is { } source)
            {
                await CopyAsync(source, stream, _sourceLengths[i], cancellationToken).ConfigureAwait(false);
            }

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
            if (_sources[i] is { } source)
            {
                Copy(source, stream, _sourceLengths[i], cancellationToken);
            }

            stream.Write(CrLf);
        }

        stream.Write(_end);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _end.Length;
        for (int i = 0; i < _heads.Length; i++)
        {
            if (_sources[i] is not null && _sourceLengths[i] is null)
            {
                length = 0;
                return false;
            }

            length += _heads[i].Length + _bodies[i].Length + (_sourceLengths[i] ?? 0) + CrLf.Length;
        }

        return true;
    }

    /// <summary>
    /// Copies a stream part through one pooled buffer. A part whose length was announced must deliver exactly that many
    /// bytes: a stream that changed under us would otherwise send a body that contradicts its <c>Content-Length</c>.
    /// </summary>
    private async Task CopyAsync(Stream source, Stream destination, long? expected, CancellationToken cancellationToken)
    {
        if (source.GetType() == typeof(MemoryStream))
        {
            // A MemoryStream writes its own array to the socket: no copy through our buffer. Not a subclass: it may read
            // otherwise, and its reads go through the checks below.
            var memory = (MemoryStream)source;
            long remaining = memory.Length - memory.Position;
            CheckNotLonger(remaining, expected);
            CheckNotShorter(remaining, expected);
            await memory.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            long copied = 0;
            int read;
            while ((read = await ReadSourceAsync(source, buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                copied += read;
                CheckNotLonger(copied, expected);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            CheckNotShorter(copied, expected);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Copy(Stream source, Stream destination, long? expected, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            long copied = 0;
            int read;
            while ((read = ReadSource(source, buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                copied += read;
                CheckNotLonger(copied, expected);
                destination.Write(buffer, 0, read);
            }

            CheckNotShorter(copied, expected);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void CheckNotLonger(long copied, long? expected)
    {
        if (copied > expected)
        {
            throw Fail(new ArgumentException($"The upload stream grew while it was sent: more than the {expected:N0} bytes it held when the request started."));
        }
    }

    private void CheckNotShorter(long copied, long? expected)
    {
        if (copied < expected)
        {
            throw Fail(new ArgumentException($"The upload stream ended after {copied:N0} of the {expected:N0} bytes it held when the request started."));
        }
    }

    /// <summary>
    /// Gets the failure of a caller's stream while the body was written (its own exception, or an
    /// <see cref="ArgumentException"/> when it held more or fewer bytes than it said), or <see langword="null"/>. The HTTP
    /// handler wraps it as a failure to send; the transport raises it as it is instead, never retried, since it is not the
    /// network's (docs/protocols/audio.md#how-this-connector-uses-it).
    /// </summary>
    public ExceptionDispatchInfo? SourceFailure { get; private set; }

    private async ValueTask<int> ReadSourceAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SourceFailure = ExceptionDispatchInfo.Capture(ex);
            throw;
        }
    }

    private int ReadSource(Stream source, Span<byte> buffer)
    {
        try
        {
            return source.Read(buffer);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SourceFailure = ExceptionDispatchInfo.Capture(ex);
            throw;
        }
    }

    private ArgumentException Fail(ArgumentException error)
    {
        SourceFailure = ExceptionDispatchInfo.Capture(error);
        return error;
    }

    /// <summary>A name or file name inside a quoted header parameter, encoded as browsers encode form names.</summary>
    private static string Escape(string name) =>
        name.AsSpan().IndexOfAny(SpecialCharacters) < 0 ? name : name.Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal).Replace("\"", "%22", StringComparison.Ordinal);

    private static readonly SearchValues<char> SpecialCharacters = SearchValues.Create("\r\n\"");
}
