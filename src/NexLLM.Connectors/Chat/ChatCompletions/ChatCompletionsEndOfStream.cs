using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>
/// A chat-completions stream is complete when a finish reason arrived and <c>[DONE]</c> closed it. <c>[DONE]</c> alone does
/// not prove it: new-api writes it after an upstream timeout too (docs/protocols/gateway.md#sse-framing).
/// </summary>
internal sealed class ChatCompletionsEndOfStream : EndOfStreamRule<ChatCompletionChunk, ChatCompletionsStreamMapper>
{
    public static readonly ChatCompletionsEndOfStream Instance = new();

    private ChatCompletionsEndOfStream()
    {
    }

    public override bool Ends(in JsonEvent<ChatCompletionChunk> parsed, ChatCompletionsStreamMapper mapper) => parsed.IsDone;

    public override bool IsComplete(ChatCompletionsStreamMapper mapper, bool sawEnd) => sawEnd && mapper.Finished;

    public override string Missing(bool sawEnd) => sawEnd ? "a finish_reason before [DONE]" : "a finish_reason and [DONE]";

    public override ChatResponseUpdate? Last(ChatCompletionsStreamMapper mapper, bool complete) => complete ? null : mapper.FlushIncomplete();
}
