using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>The envelope of a Claude message: its id (<c>msg_…</c>) and the model echoed from the request.</summary>
/// <param name="Id">The message id.</param>
/// <param name="Model">The model.</param>
internal sealed record ClaudeMessageMeta(string Id, string Model)
{
    /// <summary>The usage <c>service_tier</c> of every answer.</summary>
    public const string ServiceTier = "standard";

    /// <summary>The usage <c>inference_geo</c> of every answer: the value Anthropic sends when no data residency was asked for.</summary>
    public const string InferenceGeo = "not_available";

    public static ClaudeMessageMeta New(string model) => new("msg_01" + RequestIds.RandomToken(22), model);

    /// <summary>A new tool-use id in Anthropic's style, <c>toolu_01…</c>.</summary>
    public static string NewToolUseId() => "toolu_01" + RequestIds.RandomToken(22);

    /// <summary>
    /// The Claude <c>stop_reason</c> (docs/protocols/claude-messages.md). A scripted raw value is sent as given, except the OpenAI and Gemini
    /// names of the common reasons, which become Claude's so one script serves every format.
    /// </summary>
    public static string StopReason(ChatEngineReply reply) => reply.RawFinishReason switch
    {
        null when reply.Refusal is not null => "refusal",
        null => reply.FinishReason switch
        {
            ReplyFinishReason.Length => "max_tokens",
            ReplyFinishReason.ToolCalls => "tool_use",
            ReplyFinishReason.ContentFilter => "refusal",
            _ => reply.StopSequence is null ? "end_turn" : "stop_sequence",
        },
        "stop" or "STOP" => "end_turn",
        "length" or "MAX_TOKENS" => "max_tokens",
        "tool_calls" or "function_call" => "tool_use",
        "content_filter" or "SAFETY" => "refusal",
        var raw => raw,
    };

    /// <summary>The <c>stop_sequence</c> field: the sequence that stopped the text, only with stop reason <c>stop_sequence</c>.</summary>
    public static string? StopSequence(ChatEngineReply reply) => StopReason(reply) == "stop_sequence" ? reply.StopSequence : null;

    /// <summary>
    /// Writes <c>stop_details</c> (docs/protocols/claude-messages.md#message-fields): <c>null</c>, or for a refusal
    /// <c>{"type":"refusal","category":null,"explanation":null}</c> (no named policy category: the emulator refuses only when scripted).
    /// </summary>
    public static void WriteStopDetails(Utf8JsonWriter w, ChatEngineReply? reply)
    {
        if (reply is null || StopReason(reply) != "refusal")
        {
            w.WriteNull("stop_details");
            return;
        }

        w.WriteStartObject("stop_details");
        w.WriteString("type", "refusal");
        w.WriteNull("category");
        w.WriteNull("explanation");
        w.WriteEndObject();
    }
}
