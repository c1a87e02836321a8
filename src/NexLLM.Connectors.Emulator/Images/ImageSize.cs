using System.Globalization;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>A picture's size in pixels, written <c>WxH</c> on the wire.</summary>
internal readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>What <c>auto</c> (or no size) gives, whatever the model.</summary>
    public static readonly ImageSize Default = new(1024, 1024);

    /// <summary>Reads <c>WxH</c> (digits only, both sides positive).</summary>
    public static bool TryParse(string? text, out ImageSize size)
    {
        size = default;
        int x = text?.IndexOf('x', StringComparison.Ordinal) ?? -1;
        if (x <= 0
            || !int.TryParse(text.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            || !int.TryParse(text.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            || width <= 0 || height <= 0)
        {
            return false;
        }

        size = new ImageSize(width, height);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
