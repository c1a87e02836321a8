namespace NexLLM.Connectors;

/// <summary>A Gemini safety setting: how strictly one harm category is blocked.</summary>
public sealed class NexLLMGeminiSafetySetting
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="category">The harm category, for example <c>HARM_CATEGORY_DANGEROUS_CONTENT</c>.</param>
    /// <param name="threshold">The threshold, for example <c>BLOCK_ONLY_HIGH</c> or <c>BLOCK_NONE</c>.</param>
    /// <exception cref="ArgumentException">A value is empty or contains control characters.</exception>
    public NexLLMGeminiSafetySetting(string category, string threshold)
    {
        Category = Throw.IfNotIdentifier(category);
        Threshold = Throw.IfNotIdentifier(threshold);
    }

    /// <summary>Gets the harm category.</summary>
    public string Category { get; }

    /// <summary>Gets the blocking threshold.</summary>
    public string Threshold { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Category}: {Threshold}";
}
