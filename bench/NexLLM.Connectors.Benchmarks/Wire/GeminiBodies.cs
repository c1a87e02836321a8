using System.Text;

namespace NexLLM.Connectors.Benchmarks.Wire;

/// <summary>
/// A Gemini <c>streamGenerateContent?alt=sse</c> answer as Google writes it: one chunk per event separated by CRLF
/// CRLF, JSON with a space after each colon, the usage, model version and response id repeated on every chunk, the
/// finish reason and the full usage on the last one.
/// </summary>
internal static class GeminiBodies
{
    public const string Model = "gemini-2.5-flash";
    private const string ResponseId = "Xb4oaPDGL5qZ1MkPzMHP4Qc";

    public static byte[] Stream(int tokens)
    {
        var sse = new StringBuilder(tokens * 300);
        string[] pieces = Tokens.Create(tokens);
        for (int i = 0; i < pieces.Length; i++)
        {
            bool last = i == pieces.Length - 1;
            sse.Append("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"").Append(Json.Escape(pieces[i]))
                .Append("\"}],\"role\": \"model\"}").Append(last ? ",\"finishReason\": \"STOP\"" : string.Empty)
                .Append(",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 9,")
                .Append(last ? "\"candidatesTokenCount\": " + tokens + ",\"totalTokenCount\": " + (9 + tokens) : "\"totalTokenCount\": 9")
                .Append(",\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 9}]},\"modelVersion\": \"").Append(Model)
                .Append("\",\"responseId\": \"").Append(ResponseId).Append("\"}\r\n\r\n");
        }

        return Encoding.UTF8.GetBytes(sse.ToString());
    }
}
