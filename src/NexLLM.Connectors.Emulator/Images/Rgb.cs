namespace NexLLM.Connectors.Emulator.Images;

/// <summary>A colour.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>The colour <paramref name="t"/> of the way from this one to <paramref name="other"/> (0 to 1).</summary>
    public Rgb Mix(Rgb other, float t) => new(Lerp(R, other.R, t), Lerp(G, other.G, t), Lerp(B, other.B, t));

    private static byte Lerp(byte from, byte to, float t) => (byte)(from + ((to - from) * t) + 0.5f);
}
