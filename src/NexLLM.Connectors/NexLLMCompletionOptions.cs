using Microsoft.Extensions.AI;

namespace NexLLM.Connectors;

/// <summary>Represents the options of a legacy completion request (<c>POST /v1/completions</c>, docs/protocols/completions.md).</summary>
/// <remarks>
/// Each option left <see langword="null"/> is not sent, so the model's default applies. The ranges are checked when a request
/// is made: a value out of range is an <see cref="ArgumentOutOfRangeException"/> naming the option, and nothing is sent.
/// </remarks>
public sealed class NexLLMCompletionOptions
{
    /// <summary>Gets or sets the model to use, instead of the client's.</summary>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets the most tokens to generate per choice (<c>max_tokens</c>), at least 1.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Gets or sets the sampling temperature (<c>temperature</c>), from 0 to 2.</summary>
    public float? Temperature { get; set; }

    /// <summary>Gets or sets the nucleus sampling mass (<c>top_p</c>), from 0 to 1.</summary>
    public float? TopP { get; set; }

    /// <summary>Gets or sets how many choices to generate for each prompt (<c>n</c>), at least 1.</summary>
    public int? N { get; set; }

    /// <summary>Gets or sets the sequences that end the text when the model produces them (<c>stop</c>); the text does not contain them.</summary>
    public IList<string>? Stop { get; set; }

    /// <summary>Gets or sets the text that comes after the inserted completion (<c>suffix</c>), for models that fill in the middle.</summary>
    public string? Suffix { get; set; }

    /// <summary>Gets or sets whether each choice's text starts with its prompt (<c>echo</c>).</summary>
    /// <remarks>new-api decodes requests into a struct without this field, so a gateway that re-serialises requests drops it (docs/protocols/completions.md).</remarks>
    public bool? Echo { get; set; }

    /// <summary>
    /// Gets or sets how many of the most likely tokens to report, with their log probabilities, at each position
    /// (<c>logprobs</c>), from 0 (the sampled token only) to 5. The answer is in <see cref="NexLLMCompletionChoice.Logprobs"/>.
    /// </summary>
    /// <remarks>new-api's request struct has a boolean <c>logprobs</c>, so new-api refuses a number here (docs/protocols/completions.md).</remarks>
    public int? Logprobs { get; set; }

    /// <summary>Gets or sets a seed for repeatable sampling (<c>seed</c>), where the model supports it.</summary>
    public long? Seed { get; set; }

    /// <summary>Gets or sets an id of the end user (<c>user</c>).</summary>
    public string? User { get; set; }

    /// <summary>Gets or sets additional provider-specific options.</summary>
    /// <remarks>
    /// Every key is sent as a top-level request field (<c>best_of</c>, <c>presence_penalty</c>, <c>logit_bias</c>...) and wins
    /// over the typed options, except keys starting with <c>nexllm.</c>, which are reserved and never sent, and <c>stream</c>
    /// and <c>stream_options</c>, which the method called decides.
    /// </remarks>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; set; }
}
