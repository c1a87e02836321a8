using NexLLM.Connectors.Emulator.Recording;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// A transcription or translation form as Go's <c>multipart.Reader.ReadForm</c> sorts it for new-api
/// (docs/protocols/audio.md#transcriptions-and-translations): parts with a non-empty file name are files, every other
/// part (a <c>file</c> part without a file name included) is a value; repeated fields keep all their values. new-api
/// passes on the first file named <c>file</c> and every value.
/// </summary>
internal sealed class TranscriptionForm
{
    private readonly Dictionary<string, List<string>> _values;

    private TranscriptionForm(Dictionary<string, List<string>> values, FormPart? file)
    {
        _values = values;
        File = file;
    }

    /// <summary>Gets the first file part named <c>file</c>, or <see langword="null"/>.</summary>
    public FormPart? File { get; }

    /// <summary>Gets a field's first value, or <see langword="null"/> when it was not sent.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var values) ? values[0] : null;

    /// <summary>Gets every value of a field (of <c>name</c> and <c>name[]</c> for an array field), in order.</summary>
    public IReadOnlyList<string> All(string name) =>
        [.. (_values.GetValueOrDefault(name) ?? []).Concat(_values.GetValueOrDefault(name + "[]") ?? [])];

    /// <summary>Gets how many times a field was sent.</summary>
    public int Count(string name) => _values.TryGetValue(name, out var values) ? values.Count : 0;

    public static TranscriptionForm From(IReadOnlyList<FormPart> parts)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        FormPart? file = null;
        foreach (var part in parts)
        {
            if (part.IsFile)
            {
                if (part.Name == "file")
                {
                    file ??= part;
                }
            }
            else
            {
                if (!values.TryGetValue(part.Name, out var list))
                {
                    values[part.Name] = list = [];
                }

                list.Add(part.Text);
            }
        }

        return new TranscriptionForm(values, file);
    }
}
