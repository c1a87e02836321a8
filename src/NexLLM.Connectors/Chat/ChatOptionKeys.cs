namespace NexLLM.Connectors.Chat;

/// <summary>
/// Keys of <see cref="Microsoft.Extensions.AI.ChatOptions.AdditionalProperties"/> that carry our typed options. Keys with
/// the reserved prefix are never sent; every other key is sent as a top-level request field (ARCHITECTURE.md).
/// </summary>
internal static class ChatOptionKeys
{
    public const string ReservedPrefix = "nexllm.";

    /// <summary>A <see cref="bool"/>: ask for strict schema adherence (json_schema response formats and function tools).</summary>
    public const string StrictJsonSchema = "nexllm.strict_json_schema";

    /// <summary>The raw finish or stop reason, in response <c>AdditionalProperties</c>.</summary>
    public const string FinishReason = "nexllm.finish_reason";

    /// <summary>The gateway's request id, in response <c>AdditionalProperties</c>.</summary>
    public const string RequestId = "nexllm.request_id";

    public static bool IsReserved(string key) => key.StartsWith(ReservedPrefix, StringComparison.Ordinal);
}
