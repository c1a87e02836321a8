using System.Text;

namespace NexLLM.Connectors.Benchmarks.Wire;

/// <summary>
/// OpenAI chat-completions answers as api.openai.com writes them today (and new-api passes them through): the
/// non-streamed body pretty-printed, the stream one compact <c>chat.completion.chunk</c> per event with the id, model,
/// fingerprint and obfuscation padding repeated on every chunk, then the finish chunk, the usage chunk and <c>[DONE]</c>.
/// </summary>
internal static class ChatCompletionsBodies
{
    public const string Model = "gpt-4o-mini";
    private const string Id = "chatcmpl-CpXbGm2u7R0jdQyWl4SnTaVhK9e3z";
    private const string ModelVersion = "gpt-4o-mini-2024-07-18";
    private const string Fingerprint = "fp_560af6e559";
    private const long Created = 1767225600;

    public static byte[] Completion(int tokens) => Json.Write(
        w =>
        {
            w.WriteStartObject();
            w.WriteString("id", Id);
            w.WriteString("object", "chat.completion");
            w.WriteNumber("created", Created);
            w.WriteString("model", ModelVersion);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("content", Tokens.Join(tokens));
            w.WriteNull("refusal");
            w.WriteStartArray("annotations");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteNull("logprobs");
            w.WriteString("finish_reason", "stop");
            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w, tokens);
            w.WriteString("service_tier", "default");
            w.WriteString("system_fingerprint", Fingerprint);
            w.WriteEndObject();
        },
        indented: true);

    public static byte[] Stream(int tokens)
    {
        var sse = new StringBuilder(tokens * 320);
        void Chunk(string delta, string finishReason) => sse
            .Append("data: {\"id\":\"").Append(Id)
            .Append("\",\"object\":\"chat.completion.chunk\",\"created\":").Append(Created)
            .Append(",\"model\":\"").Append(ModelVersion)
            .Append("\",\"service_tier\":\"default\",\"system_fingerprint\":\"").Append(Fingerprint)
            .Append("\",\"choices\":[{\"index\":0,\"delta\":").Append(delta)
            .Append(",\"logprobs\":null,\"finish_reason\":").Append(finishReason)
            .Append("}],\"usage\":null,\"obfuscation\":\"").Append("k3Lq9v".AsSpan(0, 1 + (sse.Length % 6)))
            .Append("\"}\n\n");

        Chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null,\"annotations\":[]}", "null");
        foreach (string token in Tokens.Create(tokens))
        {
            Chunk("{\"content\":\"" + Json.Escape(token) + "\"}", "null");
        }

        Chunk("{}", "\"stop\"");
        sse.Append("data: ").Append(Encoding.UTF8.GetString(Json.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", Id);
            w.WriteString("object", "chat.completion.chunk");
            w.WriteNumber("created", Created);
            w.WriteString("model", ModelVersion);
            w.WriteString("service_tier", "default");
            w.WriteString("system_fingerprint", Fingerprint);
            w.WriteStartArray("choices");
            w.WriteEndArray();
            WriteUsage(w, tokens);
            w.WriteString("obfuscation", "Qx");
            w.WriteEndObject();
        }))).Append("\n\n");
        sse.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }

    private static void WriteUsage(System.Text.Json.Utf8JsonWriter w, int tokens)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", 19);
        w.WriteNumber("completion_tokens", tokens);
        w.WriteNumber("total_tokens", 19 + tokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", 0);
        w.WriteNumber("audio_tokens", 0);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", 0);
        w.WriteNumber("audio_tokens", 0);
        w.WriteNumber("accepted_prediction_tokens", 0);
        w.WriteNumber("rejected_prediction_tokens", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
