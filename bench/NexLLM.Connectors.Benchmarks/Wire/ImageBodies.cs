namespace NexLLM.Connectors.Benchmarks.Wire;

/// <summary>
/// <c>/v1/images/generations</c> answers of a gpt-image model, as api.openai.com writes them (2-space indented, each image
/// in <c>b64_json</c>, the answer's format, size and usage beside them; docs/protocols/images.md#response). The images are
/// PNG signatures followed by random bytes: compressed pixel data is as incompressible, so they are as large as real
/// 1024×1024 PNGs of a detailed picture.
/// </summary>
internal static class ImageBodies
{
    public const string Model = "gpt-image-1";

    public const string Prompt = "A lighthouse on a rocky shore at dawn, in watercolour";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The images of the answer, in order.</summary>
    public static byte[][] Images(int count, int bytes)
    {
        var random = new Random(11);
        var images = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            images[i] = new byte[bytes];
            random.NextBytes(images[i]);
            PngSignature.CopyTo(images[i], 0);
        }

        return images;
    }

    public static byte[] Base64(int count, int bytes) => Json.Write(
        w =>
        {
            w.WriteStartObject();
            w.WriteNumber("created", 1_767_225_600);
            w.WriteStartArray("data");
            foreach (byte[] image in Images(count, bytes))
            {
                w.WriteStartObject();
                w.WriteBase64String("b64_json", image);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("background", "opaque");
            w.WriteString("output_format", "png");
            w.WriteString("quality", "high");
            w.WriteString("size", "1024x1024");
            w.WriteStartObject("usage");
            w.WriteNumber("input_tokens", 14);
            w.WriteStartObject("input_tokens_details");
            w.WriteNumber("image_tokens", 0);
            w.WriteNumber("text_tokens", 14);
            w.WriteEndObject();
            w.WriteNumber("output_tokens", count * 4160);
            w.WriteNumber("total_tokens", 14 + (count * 4160));
            w.WriteEndObject();
            w.WriteEndObject();
        },
        indented: true);
}
