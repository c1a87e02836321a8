using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>
/// A Gemini stream has no terminating event: it is read to the end of the body, and it is complete when a candidate brought
/// a <c>finishReason</c> (docs/protocols/gemini.md). The last update always carries the final usage and finish reason.
/// </summary>
internal sealed class GeminiEndOfStream : EndOfStreamRule<GeminiResponse, GeminiStreamMapper>
{
    public static readonly GeminiEndOfStream Instance = new();

    private GeminiEndOfStream()
    {
    }

    public override bool Ends(in JsonEvent<GeminiResponse> parsed, GeminiStreamMapper mapper) => false;

    public override bool IsComplete(GeminiStreamMapper mapper, bool sawEnd) => mapper.Finished;

    public override string Missing(bool sawEnd) => "a finishReason";

    public override ChatResponseUpdate? Last(GeminiStreamMapper mapper, bool complete) => mapper.Final();
}
