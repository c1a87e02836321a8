namespace NexLLM.Connectors.Http;

/// <summary>
/// A file part of a <see cref="MultipartFormContent"/>: either the caller's bytes in memory, or the caller's stream, copied
/// to the request as it is read (an audio upload), never held whole.
/// </summary>
internal sealed class FormFile
{
    private FormFile(string name, string fileName, string mediaType)
    {
        Name = name;
        FileName = fileName;
        MediaType = mediaType;
    }

    /// <summary>Gets the field name.</summary>
    public string Name { get; }

    /// <summary>Gets the file name.</summary>
    public string FileName { get; }

    /// <summary>Gets the part's <c>Content-Type</c>.</summary>
    public string MediaType { get; }

    /// <summary>Gets the bytes of an in-memory file, or the bytes read from <see cref="Source"/> before the request was built.</summary>
    public ReadOnlyMemory<byte> Data { get; private init; }

    /// <summary>Gets the stream the rest of the file is read from, or <see langword="null"/> for an in-memory file.</summary>
    public Stream? Source { get; private init; }

    /// <summary>Gets how many bytes <see cref="Source"/> holds from its current position, or <see langword="null"/> when it cannot tell.</summary>
    public long? SourceLength { get; private init; }

    /// <summary>Gets the part's length, or <see langword="null"/> when a stream's length is unknown.</summary>
    public long? Length => Source is null ? Data.Length : SourceLength + Data.Length;

    /// <summary>A file whose bytes are in memory.</summary>
    public static FormFile FromMemory(string name, string fileName, string mediaType, ReadOnlyMemory<byte> data) =>
        new(name, fileName, mediaType) { Data = data };

    /// <summary>A file read from a stream when the body is written, after <paramref name="prefix"/> (bytes already read from it).</summary>
    public static FormFile FromStream(string name, string fileName, string mediaType, ReadOnlyMemory<byte> prefix, Stream source, long? remaining) =>
        new(name, fileName, mediaType) { Data = prefix, Source = source, SourceLength = remaining };
}
