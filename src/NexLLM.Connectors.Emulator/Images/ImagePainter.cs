using System.Security.Cryptography;
using System.Text;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// Paints the emulator's pictures, deterministically: a two-colour gradient with diagonal stripes, whose colours,
/// gradient angle and stripe width come from the SHA-256 of the prompt and the image's index, so the same request
/// always gets the same bytes and the <c>n</c> images of one request differ. An edit tints both colours towards the first input
/// image's average colour and, when that image and a mask decode at the output's size, keeps the original pixels
/// wherever the mask is not fully transparent (OpenAI's rule: the mask's fully transparent areas are the ones edited);
/// without a mask the whole picture is painted. A transparent background leaves everything outside a centred ellipse
/// at alpha 0.
/// </summary>
internal static class ImagePainter
{
    private const float TintWeight = 0.6f;
    private const float StripeShade = 0.15f;
    private const int GradientSteps = 1024;

    /// <summary>Paints one picture and returns its PNG bytes.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="index">The picture's position in the answer (0 for the first).</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <param name="transparent">Whether the background is transparent (an RGBA picture).</param>
    /// <param name="edit">An edit's inputs, or <see langword="null"/> for a generation.</param>
    public static byte[] PaintPng(string prompt, int index, int width, int height, bool transparent, ImageEditSource? edit)
    {
        byte[] seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{index}\n{prompt}"));
        var first = new Rgb(seed[0], seed[1], seed[2]);
        var second = new Rgb(seed[3], seed[4], seed[5]);
        if (edit is not null)
        {
            first = first.Mix(edit.Tint, TintWeight);
            second = second.Mix(edit.Tint, TintWeight);
        }

        double angle = seed[6] / 256.0 * 2 * Math.PI;
        float cos = (float)Math.Cos(angle), sin = (float)Math.Sin(angle);
        int period = 8 + (seed[7] % 40);
        var keep = KeptOriginal(edit, width, height);

        // The gradient in GradientSteps + 1 colours, plain and shaded: one table look-up per pixel.
        var plain = new Rgb[GradientSteps + 1];
        var shaded = new Rgb[GradientSteps + 1];
        for (int i = 0; i <= GradientSteps; i++)
        {
            plain[i] = first.Mix(second, i / (float)GradientSteps);
            shaded[i] = plain[i].Mix(default, StripeShade);
        }

        int channels = transparent ? 4 : 3;
        byte[] pixels = new byte[width * height * channels];
        float halfWidth = width / 2f, halfHeight = height / 2f;
        float scale = GradientSteps / (2 * MathF.Sqrt((halfWidth * halfWidth) + (halfHeight * halfHeight)));
        for (int y = 0, p = 0, source = 0; y < height; y++)
        {
            float dy = y - halfHeight;
            float ey = dy / halfHeight;
            for (int x = 0; x < width; x++, p += channels, source += 4)
            {
                float dx = x - halfWidth;
                Rgb colour;
                if (keep is not null && keep[source + 3] != 0)
                {
                    colour = new Rgb(keep[source], keep[source + 1], keep[source + 2]);
                }
                else
                {
                    int step = Math.Clamp((int)((((dx * cos) + (dy * sin)) * scale) + (GradientSteps / 2f)), 0, GradientSteps);
                    colour = (((x + y) / period) & 1) == 0 ? shaded[step] : plain[step];
                }

                pixels[p] = colour.R;
                pixels[p + 1] = colour.G;
                pixels[p + 2] = colour.B;
                if (transparent)
                {
                    float ex = dx / halfWidth;
                    pixels[p + 3] = (ex * ex) + (ey * ey) <= 0.81f ? (byte)255 : (byte)0;
                }
            }
        }

        return PngEncoder.Encode(width, height, transparent, pixels);
    }

    /// <summary>
    /// The original's RGBA with alpha 0 where the mask is transparent (to be painted) and 255 elsewhere (kept);
    /// <see langword="null"/> when nothing is kept: no mask, sizes that differ, a file not decoded.
    /// </summary>
    private static byte[]? KeptOriginal(ImageEditSource? edit, int width, int height)
    {
        if (edit?.Original is not { } original || edit.Mask is not { } mask
            || original.Width != width || original.Height != height || mask.Width != width || mask.Height != height)
        {
            return null;
        }

        byte[] kept = (byte[])original.Rgba.Clone();
        for (int i = 3; i < kept.Length; i += 4)
        {
            kept[i] = mask.Rgba[i] == 0 ? (byte)0 : (byte)255;
        }

        return kept;
    }
}
