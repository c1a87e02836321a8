using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>
/// A Claude stream is complete when <c>message_stop</c> arrived, whatever came before it (a <c>message_delta</c> with a stop
/// reason is not enough: docs/protocols/claude-messages.md).
/// </summary>
internal sealed class ClaudeEndOfStream : EndOfStreamRule<ClaudeStreamEvent, ClaudeStreamMapper>
{
    public static readonly ClaudeEndOfStream Instance = new();

    private ClaudeEndOfStream()
    {
    }

    public override bool Ends(in JsonEvent<ClaudeStreamEvent> parsed, ClaudeStreamMapper mapper) => mapper.Stopped;

    public override bool IsComplete(ClaudeStreamMapper mapper, bool sawEnd) => sawEnd;

    public override string Missing(bool sawEnd) => "message_stop";

    public override ChatResponseUpdate? Last(ClaudeStreamMapper mapper, bool complete) => complete ? null : mapper.FlushIncomplete();
}
