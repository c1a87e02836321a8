using System.Globalization;
using System.Security.Cryptography;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>Request ids in new-api's format: UTC time, nanoseconds within the second, 8 random characters (new-api middleware/request-id.go).</summary>
internal static class RequestIds
{
    /// <summary>The response header that carries the id on every response (docs/protocols/gateway.md#response-headers).</summary>
    public const string HeaderName = "X-Oneapi-Request-Id";

    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static string Next()
    {
        var now = DateTime.UtcNow;
        long nanoseconds = now.Ticks % TimeSpan.TicksPerSecond * 100;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{now:yyyyMMddHHmmss}{nanoseconds}{RandomNumberGenerator.GetString(Alphabet, 8)}");
    }

    /// <summary>A random identifier for ids such as <c>chatcmpl-…</c> and <c>call_…</c>.</summary>
    public static string RandomToken(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
