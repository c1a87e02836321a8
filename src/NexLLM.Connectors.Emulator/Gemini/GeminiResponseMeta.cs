using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// The envelope of a Gemini answer and of each of its stream chunks: <c>responseId</c> (Google's style, a random
/// token) and <c>modelVersion</c> (the model of the path), plus the finish reasons and safety ratings of docs/protocols/gemini.md.
/// </summary>
/// <param name="ResponseId">The response id.</param>
/// <param name="ModelVersion">The model.</param>
internal sealed record GeminiResponseMeta(string ResponseId, string ModelVersion)
{
    // The four categories Gemini rates; a blocked answer gets a HIGH dangerous-content rating with "blocked": true.
    private static readonly string[] HarmCategories =
        ["HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_DANGEROUS_CONTENT"];

    public static GeminiResponseMeta New(string model) => new(RequestIds.RandomToken(22), model);

    /// <summary>
    /// The Gemini <c>finishReason</c> (docs/protocols/gemini.md): <c>STOP</c> (also for function calls), <c>MAX_TOKENS</c>,
    /// <c>SAFETY</c> (a refusal or a content filter). A scripted raw value is sent as given, except the OpenAI and Claude
    /// names of the common reasons, which become Gemini's so one script serves every format.
    /// </summary>
    public static string FinishReason(ChatEngineReply reply) => reply.RawFinishReason switch
    {
        null when reply.Refusal is not null => "SAFETY",
        null => reply.FinishReason switch
        {
            ReplyFinishReason.Length => "MAX_TOKENS",
            ReplyFinishReason.ContentFilter => "SAFETY",
            _ => "STOP",
        },
        "stop" or "end_turn" or "stop_sequence" or "tool_calls" or "tool_use" or "function_call" => "STOP",
        "length" or "max_tokens" => "MAX_TOKENS",
        "content_filter" or "refusal" => "SAFETY",
        var raw => raw,
    };

    /// <summary>Writes a <c>safetyRatings</c> array: every category <c>NEGLIGIBLE</c>, or dangerous content <c>HIGH</c> and blocked.</summary>
    public static void WriteSafetyRatings(Utf8JsonWriter w, string name, bool blocked)
    {
        w.WriteStartArray(name);
        foreach (string category in HarmCategories)
        {
            bool blocks = blocked && category == "HARM_CATEGORY_DANGEROUS_CONTENT";
            w.WriteStartObject();
            w.WriteString("category", category);
            w.WriteString("probability", blocks ? "HIGH" : "NEGLIGIBLE");
            if (blocks)
            {
                w.WriteBoolean("blocked", true);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Writes <c>modelVersion</c> and <c>responseId</c> and closes the object.</summary>
    public void WriteEnd(Utf8JsonWriter w)
    {
        w.WriteString("modelVersion", ModelVersion);
        w.WriteString("responseId", ResponseId);
        w.WriteEndObject();
    }
}
