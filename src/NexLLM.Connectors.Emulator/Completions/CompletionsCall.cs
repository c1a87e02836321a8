namespace NexLLM.Connectors.Emulator.Completions;

/// <summary>A legacy completions request, read: what the engine and the writers need.</summary>
/// <param name="Model">The model, echoed in the answer.</param>
/// <param name="Prompts">The prompts: one, or the items of an array.</param>
/// <param name="Stream">Whether <c>stream</c> is true.</param>
/// <param name="IncludeUsage">Whether the usage chunk is sent: unless <c>stream_options.include_usage</c> is false, as on chat completions.</param>
/// <param name="Choices">How many choices each prompt gets (<c>n</c>).</param>
/// <param name="Echo">Whether each choice's text starts with its prompt.</param>
/// <param name="Logprobs">How many alternatives <c>logprobs</c> asks for, or <see langword="null"/> for no logprobs.</param>
/// <param name="MaxTokens">The output limit of each choice.</param>
/// <param name="Stop">The stop sequences.</param>
internal sealed record CompletionsCall(
    string Model, IReadOnlyList<string> Prompts, bool Stream, bool IncludeUsage, int Choices, bool Echo, int? Logprobs, int? MaxTokens, IReadOnlyList<string> Stop);
