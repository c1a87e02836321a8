namespace NexLLM.Connectors.Emulator.Completions;

/// <summary>One choice of a legacy completion, ready to render whole or streamed.</summary>
/// <param name="Index">Its index: prompt <c>p</c>'s choices are <c>p * n</c> to <c>p * n + n - 1</c>.</param>
/// <param name="Text">Its text, the prompt first when it is echoed.</param>
/// <param name="FinishReason">Its finish reason, OpenAI's name.</param>
/// <param name="Logprobs">Its tokens and their log probabilities, when they were asked for.</param>
internal sealed record CompletionChoice(int Index, string Text, string FinishReason, CompletionLogprobs? Logprobs);
