namespace NexLLM.Connectors.Completions;

/// <summary>Checks <see cref="NexLLMCompletionOptions"/> and maps them, with the prompt, onto a request. Pure: no I/O.</summary>
internal static class CompletionRequestMapper
{
    // OpenAI's documented range (docs/protocols/completions.md#request).
    private const int MaxLogprobs = 5;

    /// <summary>Maps a prompt and its options.</summary>
    /// <param name="prompt">The prompt, already checked.</param>
    /// <param name="options">The options, if any.</param>
    /// <param name="model">The client's model, used when <see cref="NexLLMCompletionOptions.ModelId"/> is not set.</param>
    /// <param name="stream">Whether to ask for a stream.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">The model id is empty or has control characters, or a stop sequence is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public static CompletionRequest Map(CompletionPrompt prompt, NexLLMCompletionOptions? options, string model, bool stream)
    {
        var request = new CompletionRequest
        {
            Model = options?.ModelId is { } modelId ? Throw.IfNotIdentifier(modelId, "options.ModelId") : model,
            Prompt = prompt,
        };

        if (stream)
        {
            // As on chat completions: the usage chunk is asked for, whatever the gateway's default (docs/protocols/completions.md#streaming).
            request.Stream = true;
            request.StreamOptions = new CompletionStreamOptions { IncludeUsage = true };
        }

        if (options is null)
        {
            return request;
        }

        request.MaxTokens = options.MaxTokens is { } maxTokens ? Throw.IfOutOfRange(maxTokens, 1, int.MaxValue, "options.MaxTokens") : null;
        request.Temperature = CheckRange(options.Temperature, 2, "options.Temperature");
        request.TopP = CheckRange(options.TopP, 1, "options.TopP");
        request.N = options.N is { } n ? Throw.IfOutOfRange(n, 1, int.MaxValue, "options.N") : null;
        request.Stop = CheckStop(options.Stop, "options.Stop");
        request.Suffix = options.Suffix;
        request.Echo = options.Echo;
        request.Logprobs = options.Logprobs is { } logprobs ? Throw.IfOutOfRange(logprobs, 0, MaxLogprobs, "options.Logprobs") : null;
        request.Seed = options.Seed;
        request.User = options.User;
        return request;
    }

    private static float? CheckRange(float? value, float max, string paramName) =>
        value is { } number && !(number >= 0 && number <= max)
            ? throw new ArgumentOutOfRangeException(paramName, number, $"The value must be between 0 and {max}.")
            : value;

    private static IList<string>? CheckStop(IList<string>? stop, string paramName)
    {
        if (stop is not { Count: > 0 })
        {
            return null;
        }

        for (int i = 0; i < stop.Count; i++)
        {
            if (string.IsNullOrEmpty(stop[i]))
            {
                throw new ArgumentException($"The stop sequence at index {i} is {(stop[i] is null ? "null" : "empty")}.", paramName);
            }
        }

        return stop;
    }
}
