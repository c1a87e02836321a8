namespace NexLLM.Connectors.Emulator.Recording;

/// <summary>One part of a <c>multipart/form-data</c> body, its bytes a slice of the body (see <see cref="MultipartBody.ParseParts"/>).</summary>
/// <param name="Name">The field name.</param>
/// <param name="FileName">The file name, or <see langword="null"/> for a plain field.</param>
/// <param name="ContentType">The part's <c>Content-Type</c>, or <see langword="null"/>.</param>
/// <param name="Content">The part's bytes.</param>
internal sealed record FormPart(string Name, string? FileName, string? ContentType, ReadOnlyMemory<byte> Content)
{
    /// <summary>Gets the bytes as UTF-8 text (a plain field's value).</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Content.Span);

    /// <summary>Gets whether Go's <c>multipart.Reader.ReadForm</c> files the part as a file: it has a non-empty file name.</summary>
    public bool IsFile => !string.IsNullOrEmpty(FileName);
}
