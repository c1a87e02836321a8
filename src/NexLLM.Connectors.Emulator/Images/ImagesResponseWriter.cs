using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// Writes the answer of both image routes as OpenAI does and new-api passes it through (docs/protocols/images.md):
/// <c>{"created","data":[{"url"|"b64_json","revised_prompt"?}]}</c>, and for gpt-image models also <c>background</c>,
/// <c>output_format</c>, <c>quality</c>, <c>size</c> and <c>usage</c>. Only the fields OpenAI sends are written.
/// </summary>
internal static class ImagesResponseWriter
{
    /// <summary>Writes the answer.</summary>
    /// <param name="call">The request.</param>
    /// <param name="pictures">The PNGs, one per image.</param>
    /// <param name="urls">Their URLs in url mode, else <see langword="null"/> (base64).</param>
    public static byte[] Write(ImagesCall call, IReadOnlyList<byte[]> pictures, IReadOnlyList<string>? urls) => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("created", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        w.WriteStartArray("data");
        for (int i = 0; i < pictures.Count; i++)
        {
            w.WriteStartObject();
            if (urls is not null)
            {
                w.WriteString("url", urls[i]);
            }
            else
            {
                w.WriteBase64String("b64_json", pictures[i]);
            }

            if (call.Family == ImageModelFamily.DallE3)
            {
                w.WriteString("revised_prompt", RevisedPrompt(call));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (call.Family == ImageModelFamily.GptImage)
        {
            w.WriteString("background", call.Transparent ? "transparent" : "opaque");
            w.WriteString("output_format", "png");
            w.WriteString("quality", call.Quality);
            w.WriteString("size", call.Size.ToString());
            WriteUsage(w, call);
        }

        w.WriteEndObject();
    });

    /// <summary>dall-e-3 rewrites every prompt; the emulator's rewrite is the prompt framed by the style.</summary>
    public static string RevisedPrompt(ImagesCall call) => call.Style == "natural"
        ? $"A natural, true-to-life picture: {call.Prompt.TrimEnd('.', ' ')}, in soft daylight."
        : $"A vivid, richly detailed picture: {call.Prompt.TrimEnd('.', ' ')}, with dramatic light and saturated colour.";

    private static void WriteUsage(System.Text.Json.Utf8JsonWriter w, ImagesCall call)
    {
        int text = ImageTokens.TextInput(call), image = ImageTokens.ImageInput(call), output = ImageTokens.Output(call);
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", text + image);
        w.WriteStartObject("input_tokens_details");
        w.WriteNumber("image_tokens", image);
        w.WriteNumber("text_tokens", text);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", output);
        w.WriteNumber("total_tokens", text + image + output);
        w.WriteEndObject();
    }
}
