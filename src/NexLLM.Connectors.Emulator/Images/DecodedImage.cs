namespace NexLLM.Connectors.Emulator.Images;

/// <summary>A decoded picture: RGBA bytes, rows top to bottom.</summary>
/// <param name="Width">The width in pixels.</param>
/// <param name="Height">The height in pixels.</param>
/// <param name="Rgba">Four bytes per pixel.</param>
internal sealed record DecodedImage(int Width, int Height, byte[] Rgba)
{
    /// <summary>The mean colour of the opaque-enough pixels (alpha-weighted), or mid grey for a fully transparent picture.</summary>
    public Rgb AverageColour()
    {
        long r = 0, g = 0, b = 0, weight = 0;
        for (int i = 0; i < Rgba.Length; i += 4)
        {
            int a = Rgba[i + 3];
            r += Rgba[i] * a;
            g += Rgba[i + 1] * a;
            b += Rgba[i + 2] * a;
            weight += a;
        }

        return weight == 0 ? new Rgb(128, 128, 128) : new Rgb((byte)(r / weight), (byte)(g / weight), (byte)(b / weight));
    }
}
