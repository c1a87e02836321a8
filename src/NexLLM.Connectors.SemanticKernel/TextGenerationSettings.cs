using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Maps <see cref="PromptExecutionSettings"/> to <see cref="NexLLMCompletionOptions"/>. Semantic Kernel's own conversion
/// (<c>ToChatOptions</c>, which also reads the typed settings of a derived class such as OpenAI's) reads the keys it knows
/// (<c>max_tokens</c>, <c>temperature</c>, <c>top_p</c>, <c>stop_sequences</c>, <c>seed</c>, the penalties); the keys of
/// legacy completions are read here, under their wire names and the OpenAI connector's (<c>stop</c>, <c>n</c> or
/// <c>results_per_prompt</c>, <c>echo</c>, <c>suffix</c>, <c>user</c>, <c>logprobs</c> as a number, or as a boolean with
/// <c>top_logprobs</c>); every other key is sent as a top-level request field.
/// </summary>
internal static class TextGenerationSettings
{
    /// <exception cref="ArgumentException">A known key holds a value of the wrong type.</exception>
    public static NexLLMCompletionOptions? ToCompletionOptions(PromptExecutionSettings? settings, Kernel? kernel)
    {
        if (settings?.ToChatOptions(kernel) is not { } chat)
        {
            return null;
        }

        var extras = chat.AdditionalProperties is { Count: > 0 } properties ? new AdditionalPropertiesDictionary(properties) : [];
        var options = new NexLLMCompletionOptions
        {
            ModelId = chat.ModelId,
            MaxTokens = chat.MaxOutputTokens,
            Temperature = chat.Temperature,
            TopP = chat.TopP,
            Seed = chat.Seed,
            Stop = chat.StopSequences ?? TakeStrings(extras, "stop"),
            N = TakeInt(extras, "n") ?? TakeInt(extras, "results_per_prompt"),
            Echo = Take(extras, "echo", ToBool),
            Suffix = Take(extras, "suffix", ToText),
            User = Take(extras, "user", ToText),
            Logprobs = TakeLogprobs(extras),
        };

        // Options SK maps that a legacy completion has no typed option for: sent under their wire names.
        AddIfSet(extras, "presence_penalty", chat.PresencePenalty);
        AddIfSet(extras, "frequency_penalty", chat.FrequencyPenalty);
        AddIfSet(extras, "top_k", chat.TopK);
        options.AdditionalProperties = extras.Count > 0 ? extras : null;
        return options;
    }

    private static int? TakeLogprobs(AdditionalPropertiesDictionary extras)
    {
        if (extras.TryGetValue("logprobs", out object? value) && value is bool or JsonElement { ValueKind: JsonValueKind.True or JsonValueKind.False })
        {
            // OpenAI's chat settings: logprobs switches them on and top_logprobs counts the alternatives; the legacy format has one number.
            bool on = Take(extras, "logprobs", ToBool) is true;
            int? alternatives = TakeInt(extras, "top_logprobs");
            return on ? alternatives ?? 0 : null;
        }

        return TakeInt(extras, "logprobs");
    }

    private static int? TakeInt(AdditionalPropertiesDictionary extras, string key) => Take(extras, key, ToInt);

    private static IList<string>? TakeStrings(AdditionalPropertiesDictionary extras, string key) => Take(extras, key, ToStrings);

    /// <summary>Removes a key and converts its value; <see langword="null"/> when the key is absent or null.</summary>
    private static T? Take<T>(AdditionalPropertiesDictionary extras, string key, Func<object, string, T?> convert)
    {
        if (!extras.Remove(key, out object? value) || value is null || value is JsonElement { ValueKind: JsonValueKind.Null })
        {
            return default;
        }

        return convert(value, key);
    }

    private static void AddIfSet(AdditionalPropertiesDictionary extras, string key, object? value)
    {
        if (value is not null)
        {
            extras.TryAdd(key, value);
        }
    }

    private static int? ToInt(object value, string key) => value switch
    {
        int number => number,
        long number when number is >= int.MinValue and <= int.MaxValue => (int)number,
        double number when number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue => (int)number,
        string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) => number,
        JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetInt32(out int number) => number,
        JsonElement { ValueKind: JsonValueKind.String } element when int.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) => number,
        _ => throw Wrong(key, "an integer", value),
    };

    private static bool? ToBool(object value, string key) => value switch
    {
        bool flag => flag,
        string text when bool.TryParse(text, out bool flag) => flag,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        _ => throw Wrong(key, "a boolean", value),
    };

    private static string? ToText(object value, string key) => value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        _ => throw Wrong(key, "a string", value),
    };

    private static IList<string>? ToStrings(object value, string key) => value switch
    {
        string text => [text],
        IEnumerable<string> texts => [.. texts],
        JsonElement { ValueKind: JsonValueKind.String } element => [element.GetString()!],
        JsonElement { ValueKind: JsonValueKind.Array } element when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            [.. element.EnumerateArray().Select(e => e.GetString()!)],
        _ => throw Wrong(key, "a string or a list of strings", value),
    };

    private static ArgumentException Wrong(string key, string expected, object value) =>
        new($"PromptExecutionSettings.ExtensionData[\"{key}\"] must be {expected}, not {(value is JsonElement element ? element.ValueKind.ToString() : value.GetType().Name)}.");
}
