using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>A chat completions request, read: the neutral request plus the options of this format the engine does not know.</summary>
/// <param name="Request">The neutral request.</param>
/// <param name="Stream">Whether <c>stream</c> is true.</param>
/// <param name="IncludeUsage">
/// Whether the usage-only chunk is sent: new-api sends it unless <c>stream_options.include_usage</c> is explicitly
/// false (docs/protocols/chat-completions.md "new-api specifics").
/// </param>
/// <param name="Choices">How many choices to answer with (<c>n</c>, 1 to 128; new-api's <c>omitempty</c> drops a 0, so it means 1).</param>
/// <param name="TopLogprobs">
/// How many alternatives each token lists (<c>top_logprobs</c>, 0 to 20) when <c>logprobs</c> is true; <see langword="null"/>
/// when no log probabilities were asked for.
/// </param>
internal sealed record ChatCompletionsCall(ChatEngineRequest Request, bool Stream, bool IncludeUsage, int Choices = 1, int? TopLogprobs = null);
