using System.Text;

namespace NexLLM.Connectors.Benchmarks.Wire;

/// <summary>
/// Claude Messages answers as api.anthropic.com writes them: compact JSON; the stream as named events
/// (<c>event:</c> then <c>data:</c>) from <c>message_start</c> and a <c>ping</c> through one text block of
/// <c>text_delta</c> events to <c>message_delta</c> and <c>message_stop</c>.
/// </summary>
internal static class ClaudeBodies
{
    public const string Model = "claude-sonnet-4-5";
    private const string Id = "msg_01XFDUDYJgAACzvnptvVoYEL";
    private const string ModelVersion = "claude-sonnet-4-5-20250929";
    private const string InputUsage =
        "\"input_tokens\":25,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0}";

    public static byte[] Message(int tokens) => Encoding.UTF8.GetBytes(
        "{\"id\":\"" + Id + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + ModelVersion
        + "\",\"content\":[{\"type\":\"text\",\"text\":\"" + Json.Escape(Tokens.Join(tokens))
        + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{" + InputUsage + ",\"output_tokens\":" + tokens + ",\"service_tier\":\"standard\"}}");

    public static byte[] Stream(int tokens)
    {
        var sse = new StringBuilder(tokens * 140);
        void Event(string type, string data) => sse.Append("event: ").Append(type).Append("\ndata: ").Append(data).Append("\n\n");

        Event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + Id + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + ModelVersion
            + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{" + InputUsage + ",\"output_tokens\":1,\"service_tier\":\"standard\"}}}");
        Event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        Event("ping", "{\"type\": \"ping\"}");
        foreach (string token in Tokens.Create(tokens))
        {
            Event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + Json.Escape(token) + "\"}}");
        }

        Event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        Event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{" + InputUsage + ",\"output_tokens\":" + tokens + "}}");
        Event("message_stop", "{\"type\":\"message_stop\"}");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }
}
