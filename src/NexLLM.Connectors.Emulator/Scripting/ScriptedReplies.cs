using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Scripting;

/// <summary>Turns a scripted <see cref="EmulatorReply"/> into an engine reply, exactly: only missing ids and usage counts are filled in.</summary>
internal static class ScriptedReplies
{
    public static ChatEngineReply ToEngineReply(EmulatorReply reply, ChatEngineRequest request)
    {
        var calls = reply.ToolCalls
            .Select(call => new ChatToolCall(call.Id ?? request.NewToolCallId(), call.Name, call.ArgumentsJson))
            .ToList();

        var finish = reply.FinishReason switch
        {
            null => calls.Count > 0 ? ReplyFinishReason.ToolCalls : ReplyFinishReason.Stop,
            "length" or "max_tokens" or "MAX_TOKENS" => ReplyFinishReason.Length,
            "tool_calls" or "tool_use" or "function_call" => ReplyFinishReason.ToolCalls,
            "content_filter" or "refusal" or "SAFETY" => ReplyFinishReason.ContentFilter,
            _ => ReplyFinishReason.Stop,
        };

        var computed = TokenEstimator.Usage(request, reply.Reasoning, reply.Text, reply.Refusal, calls);
        var scripted = reply.Usage ?? new EmulatorUsage();
        int reasoningTokens = scripted.ReasoningTokens ?? computed.ReasoningTokens;
        var usage = new ChatUsage(
            PromptTokens: scripted.PromptTokens ?? computed.PromptTokens,
            CompletionTokens: scripted.CompletionTokens ?? (computed.CompletionTokens - computed.ReasoningTokens + reasoningTokens),
            CachedTokens: scripted.CachedTokens ?? 0,
            ReasoningTokens: reasoningTokens,
            CacheWriteTokens: scripted.CacheWriteTokens ?? 0);

        return new ChatEngineReply
        {
            Reasoning = reply.Reasoning,
            Text = reply.Text,
            ToolCalls = calls,
            Refusal = reply.Refusal,
            RedactedReasoning = reply.RedactedReasoning,
            BlockReason = reply.BlockReason,
            FinishReason = finish,
            RawFinishReason = reply.FinishReason,
            Usage = usage,
        };
    }
}
