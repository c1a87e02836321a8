namespace NexLLM.Connectors.Images;

/// <summary>
/// The fields of an images request (docs/protocols/images.md), in the order they are written: the JSON body of
/// <c>POST /v1/images/generations</c>, and the text fields of an edit's multipart form (<see cref="FormFields"/>). A field
/// that is <see langword="null"/> is not sent.
/// </summary>
internal sealed class ImageRequest
{
    public required string Model { get; init; }

    public required string Prompt { get; init; }

    public int? N { get; init; }

    public string? Size { get; init; }

    public string? Quality { get; init; }

    public string? Style { get; init; }

    public string? Background { get; init; }

    public string? Moderation { get; init; }

    /// <summary>Gets the edit's <c>input_fidelity</c>; generations have none.</summary>
    public string? InputFidelity { get; init; }

    public string? OutputFormat { get; init; }

    public int? OutputCompression { get; init; }

    public string? ResponseFormat { get; init; }

    /// <summary>The fields as form fields, in the order of the JSON body, without the ones not set.</summary>
    public IEnumerable<KeyValuePair<string, string>> FormFields()
    {
        yield return new("model", Model);
        yield return new("prompt", Prompt);
        foreach (KeyValuePair<string, string?> field in Optional())
        {
            if (field.Value is { } value)
            {
                yield return new(field.Key, value);
            }
        }
    }

    private KeyValuePair<string, string?>[] Optional() =>
    [
        new("n", N?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("size", Size),
        new("quality", Quality),
        new("style", Style),
        new("background", Background),
        new("moderation", Moderation),
        new("input_fidelity", InputFidelity),
        new("output_format", OutputFormat),
        new("output_compression", OutputCompression?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("response_format", ResponseFormat),
    ];
}
