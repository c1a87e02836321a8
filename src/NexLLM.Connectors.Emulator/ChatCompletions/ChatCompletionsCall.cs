using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>A chat completions request, read: the neutral request plus the streaming options of this format.</summary>
/// <param name="Request">The neutral request.</param>
/// <param name="Stream">Whether <c>stream</c> is true.</param>
/// <param name="IncludeUsage">
/// Whether the usage-only chunk is sent: new-api sends it unless <c>stream_options.include_usage</c> is explicitly
/// false (docs/protocols/chat-completions.md "new-api specifics").
/// </param>
internal sealed record ChatCompletionsCall(ChatEngineRequest Request, bool Stream, bool IncludeUsage);
