namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>
/// The deterministic, rule-based chat model shared by every wire format. The rules, in order (the README has them too):
/// <list type="number">
/// <item>The conversation ends with tool results: answer in text that quotes them, finish stop.</item>
/// <item>Tools are offered, tool choice is not none, and the last user message asks for a tool (or the choice is
/// required or named): call it, with arguments built from its JSON schema (<see cref="ToolCallPlanner"/>), finish tool calls.</item>
/// <item>Otherwise: a sentence or two about the last user message (JSON when a JSON response format is asked for).</item>
/// </list>
/// Reasoning text comes first when reasoning was asked for; stop sequences and the output token limit apply to
/// text answers; usage is about one token per four characters.
/// </summary>
internal static class ChatEngine
{
    public static ChatEngineReply Reply(ChatEngineRequest request)
    {
        var user = new UserText(request.LastUserText);
        var toolResults = request.TrailingToolResults();
        var calls = toolResults.Count == 0 ? ToolCallPlanner.Plan(request, user) : [];
        string? reasoning = request.ReasoningRequested ? ReplyComposer.Reasoning(user, calls, toolResults.Count > 0) : null;

        if (calls.Count > 0)
        {
            return new ChatEngineReply
            {
                Reasoning = reasoning,
                ToolCalls = calls,
                FinishReason = ReplyFinishReason.ToolCalls,
                Usage = TokenEstimator.Usage(request, reasoning, null, null, calls),
            };
        }

        string answer = toolResults.Count > 0
            ? ReplyComposer.FromToolResults(toolResults, user)
            : ReplyComposer.Answer(user, request.LastUserAttachmentCount);

        string text = request.ResponseFormat switch
        {
            { Kind: ResponseFormatKind.JsonSchema, Schema: { } schema } => SchemaValueBuilder.BuildDocument(schema, user, answer),
            { Kind: ResponseFormatKind.JsonSchema or ResponseFormatKind.JsonObject } => ReplyComposer.JsonObject(answer),
            _ => answer,
        };

        var (limitedReasoning, limitedText, finish, stopSequence) = OutputLimiter.Apply(request, reasoning, text);
        return new ChatEngineReply
        {
            Reasoning = limitedReasoning,
            Text = limitedText,
            FinishReason = finish,
            StopSequence = stopSequence,
            Usage = TokenEstimator.Usage(request, limitedReasoning, limitedText, null, []),
        };
    }
}
