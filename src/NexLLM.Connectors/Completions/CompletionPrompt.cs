using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Completions;

/// <summary>
/// The <c>prompt</c> of a request: one string, or an array of them (docs/protocols/completions.md#request), as the caller
/// gave it. new-api refuses an empty string with HTTP 500; the client refuses empty prompts before sending.
/// </summary>
internal sealed class CompletionPrompt
{
    private CompletionPrompt(string? single, string[]? many)
    {
        Single = single;
        Many = many;
    }

    /// <summary>Gets the one prompt, or <see langword="null"/> for an array.</summary>
    public string? Single { get; }

    /// <summary>Gets the prompts of an array, or <see langword="null"/> for one prompt.</summary>
    public string[]? Many { get; }

    /// <exception cref="ArgumentNullException"><paramref name="prompt"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="prompt"/> is empty.</exception>
    public static CompletionPrompt Of(string prompt)
    {
        Throw.IfNull(prompt);
        return prompt.Length == 0 ? throw new ArgumentException("The prompt must not be empty.", nameof(prompt)) : new CompletionPrompt(prompt, null);
    }

    /// <exception cref="ArgumentNullException"><paramref name="prompts"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="prompts"/> is empty, or a prompt is null or empty.</exception>
    public static CompletionPrompt Of(IEnumerable<string> prompts)
    {
        Throw.IfNull(prompts);
        string[] all = [.. prompts];
        if (all.Length == 0)
        {
            throw new ArgumentException("At least one prompt is required.", nameof(prompts));
        }

        for (int i = 0; i < all.Length; i++)
        {
            if (string.IsNullOrEmpty(all[i]))
            {
                throw new ArgumentException($"The prompt at index {i} is {(all[i] is null ? "null" : "empty")}.", nameof(prompts));
            }
        }

        return new CompletionPrompt(null, all);
    }
}

/// <summary>Writes <see cref="CompletionPrompt"/> as a string or an array of strings. Request-only: never read.</summary>
internal sealed class CompletionPromptConverter : JsonConverter<CompletionPrompt>
{
    public override CompletionPrompt? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The prompt is only written.");

    public override void Write(Utf8JsonWriter writer, CompletionPrompt value, JsonSerializerOptions options)
    {
        if (value.Many is not { } prompts)
        {
            writer.WriteStringValue(value.Single);
            return;
        }

        writer.WriteStartArray();
        foreach (string prompt in prompts)
        {
            writer.WriteStringValue(prompt);
        }

        writer.WriteEndArray();
    }
}
