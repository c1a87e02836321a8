namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>Some of an answer's tokens.</summary>
/// <param name="Tokens">The tokens.</param>
/// <param name="Position">The position of the first in the whole answer (log probabilities depend on it).</param>
internal sealed record TokenRun(IReadOnlyList<string> Tokens, int Position);
