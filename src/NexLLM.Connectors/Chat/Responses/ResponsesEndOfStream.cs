using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>
/// A Responses stream has no <c>[DONE]</c>: it is complete when <c>response.completed</c> or <c>response.incomplete</c>
/// arrived (<c>response.failed</c> and <c>error</c> are errors before this rule is asked; docs/protocols/responses.md#streaming).
/// </summary>
internal sealed class ResponsesEndOfStream : EndOfStreamRule<ResponsesStreamEvent, ResponsesStreamMapper>
{
    public static readonly ResponsesEndOfStream Instance = new();

    private ResponsesEndOfStream()
    {
    }

    public override bool Ends(in JsonEvent<ResponsesStreamEvent> parsed, ResponsesStreamMapper mapper) => mapper.Ended;

    public override bool IsComplete(ResponsesStreamMapper mapper, bool sawEnd) => sawEnd;

    public override string Missing(bool sawEnd) => "response.completed, response.incomplete or response.failed";

    public override ChatResponseUpdate? Last(ResponsesStreamMapper mapper, bool complete) => complete ? null : mapper.FlushIncomplete();
}
