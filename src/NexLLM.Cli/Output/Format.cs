using System.Globalization;

namespace NexLLM.Cli.Output;

/// <summary>Numbers as the output shows them (invariant culture: the same on every machine).</summary>
internal static class Format
{
    /// <summary>A time in whole milliseconds, e.g. <c>41 ms</c>.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string Milliseconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0} ms");

    /// <summary>A size, e.g. <c>12,345 bytes</c>.</summary>
    /// <param name="bytes">The size.</param>
    /// <returns>The text.</returns>
    public static string Bytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    /// <summary>A number with invariant formatting.</summary>
    /// <param name="value">The number.</param>
    /// <param name="format">The .NET format string.</param>
    /// <returns>The text.</returns>
    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Shortens a text to <paramref name="length"/> characters with an ellipsis, on one line.</summary>
    /// <param name="text">The text.</param>
    /// <param name="length">The most characters.</param>
    /// <returns>The text, shortened.</returns>
    public static string Shorten(string text, int length)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
    }
}
