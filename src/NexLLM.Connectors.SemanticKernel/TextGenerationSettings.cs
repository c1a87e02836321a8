using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using static Microsoft.SemanticKernel.ExtensionDataValues;

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
}
