using System.Text;

namespace NexLLM.Connectors.Benchmarks.Wire;

/// <summary>
/// A streamed Responses answer as api.openai.com writes it and new-api relays it (<c>event:</c> then <c>data:</c>, every
/// event with its <c>sequence_number</c>, no <c>[DONE]</c>): the lifecycle events, one message item whose text arrives as
/// <c>response.output_text.delta</c> events, the done events, and <c>response.completed</c> with the whole response.
/// </summary>
internal static class ResponsesBodies
{
    public const string Model = "gpt-4.1-mini";
    private const string Id = "resp_68b5a1f0c2d88190a1f3b0c4e5d6f7a80c1d2e3f4a5b6c7d";
    private const string ItemId = "msg_68b5a1f1d3e48190b2c4d5e6f7a8b9c00d1e2f3a4b5c6d7e";
    private const string ModelVersion = "gpt-4.1-mini-2025-04-14";
    private const long Created = 1756734960;

    public static byte[] Stream(int tokens)
    {
        var sse = new StringBuilder(tokens * 220);
        int sequence = 0;
        void Event(string type, string fields) =>
            sse.Append("event: ").Append(type).Append("\ndata: {\"type\":\"").Append(type).Append("\",\"sequence_number\":").Append(sequence++)
                .Append(fields.Length == 0 ? string.Empty : ",").Append(fields).Append("}\n\n");

        Event("response.created", "\"response\":" + Response("in_progress", "[]", "null"));
        Event("response.in_progress", "\"response\":" + Response("in_progress", "[]", "null"));
        Event("response.output_item.added", "\"output_index\":0,\"item\":{\"id\":\"" + ItemId + "\",\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}");
        Event("response.content_part.added", "\"item_id\":\"" + ItemId + "\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}");
        foreach (string token in Tokens.Create(tokens))
        {
            Event("response.output_text.delta", "\"item_id\":\"" + ItemId + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + Json.Escape(token) + "\",\"logprobs\":[],\"obfuscation\":\"k3Xz9\"");
        }

        string text = Json.Escape(Tokens.Join(tokens));
        string part = "{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"" + text + "\"}";
        string item = "{\"id\":\"" + ItemId + "\",\"type\":\"message\",\"status\":\"completed\",\"content\":[" + part + "],\"role\":\"assistant\"}";
        Event("response.output_text.done", "\"item_id\":\"" + ItemId + "\",\"output_index\":0,\"content_index\":0,\"text\":\"" + text + "\",\"logprobs\":[]");
        Event("response.content_part.done", "\"item_id\":\"" + ItemId + "\",\"output_index\":0,\"content_index\":0,\"part\":" + part);
        Event("response.output_item.done", "\"output_index\":0,\"item\":" + item);
        string usage = "{\"input_tokens\":25,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":" + tokens
            + ",\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":" + (25 + tokens) + "}";
        Event("response.completed", "\"response\":" + Response("completed", "[" + item + "]", usage));
        return Encoding.UTF8.GetBytes(sse.ToString());
    }

    private static string Response(string status, string output, string usage) =>
        "{\"id\":\"" + Id + "\",\"object\":\"response\",\"created_at\":" + Created + ",\"status\":\"" + status
        + "\",\"background\":false,\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"max_output_tokens\":null,\"model\":\"" + ModelVersion
        + "\",\"output\":" + output + ",\"parallel_tool_calls\":true,\"previous_response_id\":null,\"reasoning\":{\"effort\":null,\"summary\":null},\"store\":false,"
        + "\"temperature\":1.0,\"text\":{\"format\":{\"type\":\"text\"},\"verbosity\":\"medium\"},\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":"
        + usage + ",\"user\":null,\"metadata\":{}}";
}
