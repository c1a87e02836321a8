using System.Text;

namespace NexLLM.Connectors.Emulator;

/// <summary>
/// One part of a recorded <c>multipart/form-data</c> body (<see cref="EmulatorRequest.ParseMultipart"/>), as it
/// arrived: its field name, file name and content type, and its bytes.
/// </summary>
public sealed class EmulatorMultipartPart
{
    internal EmulatorMultipartPart(string name, string? fileName, string? contentType, byte[] content)
    {
        Name = name;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
    }

    /// <summary>Gets the field name (<c>name</c> of the part's <c>Content-Disposition</c>), e.g. <c>image[]</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the file name (<c>filename*</c> or <c>filename</c>), or <see langword="null"/> for a plain field.</summary>
    public string? FileName { get; }

    /// <summary>Gets the part's <c>Content-Type</c> header as sent, or <see langword="null"/> when it had none.</summary>
    public string? ContentType { get; }

    /// <summary>Gets the part's bytes. Do not modify the array.</summary>
    public byte[] Content { get; }

    /// <summary>Gets the part's bytes decoded as UTF-8 (a plain field's value).</summary>
    public string Text => Encoding.UTF8.GetString(Content);

    /// <inheritdoc />
    public override string ToString() => FileName is null ? $"{Name}={Text}" : $"{Name}: {FileName} ({ContentType}, {Content.Length} bytes)";
}
