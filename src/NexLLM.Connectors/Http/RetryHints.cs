using System.Globalization;
using System.Net.Http.Headers;

namespace NexLLM.Connectors.Http;

/// <summary>
/// Reads a server's retry hints (docs/protocols/gateway.md#rate-limit-headers): <c>retry-after-ms</c> before <c>retry-after</c> (seconds or an HTTP date), and
/// <c>x-should-retry</c>. Edge values (zero, negative, infinite, NaN, out of range, past or malformed dates) are no hint.
/// </summary>
internal static class RetryHints
{
    /// <summary>A hint longer than this is not waited for: the call fails at once, the hint in <see cref="NexLLMException.RetryAfter"/>.</summary>
    public static readonly TimeSpan MaxHonoured = TimeSpan.FromSeconds(60);

    // About 68 years: anything larger cannot be a real hint.
    private const double MaxSeconds = int.MaxValue;

    public static TimeSpan? GetRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (TryGetSingle(headers, "retry-after-ms", out string? ms) && TryParsePositive(ms, out double milliseconds) && milliseconds / 1000 <= MaxSeconds)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (!TryGetSingle(headers, "retry-after", out string? value))
        {
            return null;
        }

        if (TryParsePositive(value, out double seconds))
        {
            return seconds <= MaxSeconds ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date) && date > now)
        {
            return date - now;
        }

        return null;
    }

    /// <summary>Returns the server's explicit retry verdict, which wins over every status rule.</summary>
    public static bool? GetShouldRetry(HttpResponseHeaders headers)
    {
        if (!TryGetSingle(headers, "x-should-retry", out string? value))
        {
            return null;
        }

        return value.Trim() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
    }

    private static bool TryParsePositive(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && value > 0;

    private static bool TryGetSingle(HttpResponseHeaders headers, string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = null;
        if (headers.TryGetValues(name, out IEnumerable<string>? values))
        {
            value = values.FirstOrDefault();
        }

        return !string.IsNullOrWhiteSpace(value);
    }
}
