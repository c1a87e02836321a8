using System.Net.Http.Headers;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>Server retry hints (docs/protocols/gateway.md#rate-limit-headers) and the backoff that replaces them when they are absent or unusable.</summary>
public sealed class RetryHintsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response.Headers;
    }

    [Theory]
    [InlineData("2", 2_000)]
    [InlineData("1.5", 1_500)]
    [InlineData(" 3 ", 3_000)]
    [InlineData("120", 120_000)]
    [InlineData("Thu, 01 Jan 2026 12:00:30 GMT", 30_000)]
    public void Retry_after_in_seconds_or_as_a_date_is_read(string value, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RetryHints.GetRetryAfter(Headers(("Retry-After", value)), Now));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-0.5")]
    [InlineData("inf")]
    [InlineData("Infinity")]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("1e3")]
    [InlineData("99999999999999999999")]
    [InlineData("Wed, 31 Dec 2025 12:00:00 GMT")]
    [InlineData("Thu, 01 Jan 2026 12:00:00 GMT")]
    [InlineData("Thu, 32 Foo 2026 25:61:00 GMT")]
    [InlineData("tomorrow")]
    [InlineData("")]
    public void Unusable_retry_after_values_are_no_hint(string value)
    {
        Assert.Null(RetryHints.GetRetryAfter(Headers(("Retry-After", value)), Now));
    }

    [Fact]
    public void Retry_after_ms_beats_retry_after()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), RetryHints.GetRetryAfter(Headers(("retry-after", "30"), ("retry-after-ms", "1500")), Now));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("nan")]
    [InlineData("soon")]
    [InlineData("1e300")]
    public void An_unusable_retry_after_ms_falls_back_to_retry_after(string value)
    {
        Assert.Equal(TimeSpan.FromSeconds(4), RetryHints.GetRetryAfter(Headers(("retry-after-ms", value), ("retry-after", "4")), Now));
    }

    [Fact]
    public void No_header_is_no_hint()
    {
        Assert.Null(RetryHints.GetRetryAfter(Headers(), Now));
        Assert.Null(RetryHints.GetShouldRetry(Headers()));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(" false ", false)]
    [InlineData("TRUE", null)]
    [InlineData("yes", null)]
    public void X_should_retry_is_an_explicit_verdict(string value, bool? expected)
    {
        Assert.Equal(expected, RetryHints.GetShouldRetry(Headers(("x-should-retry", value))));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 4.0)]
    [InlineData(4, 8.0)]
    [InlineData(5, 8.0)]
    [InlineData(9, 8.0)]
    public void Backoff_doubles_from_half_a_second_to_8_seconds_with_jitter_of_three_quarters_to_one(int retry, double cap)
    {
        var delays = Enumerable.Range(0, 2000).Select(_ => RetryPolicy.Delay(retry, hint: null).TotalSeconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, 0.75 * cap, cap));
        Assert.True(delays.Max() - delays.Min() > 0.1 * cap, "The delays must be jittered.");
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(2)]
    [InlineData(60)]
    public void A_usable_hint_is_the_delay(double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.Delay(3, TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(61)]
    [InlineData(86_400)]
    public void A_hint_that_is_zero_negative_or_over_a_minute_gives_backoff(double seconds)
    {
        Assert.InRange(RetryPolicy.Delay(0, TimeSpan.FromSeconds(seconds)).TotalSeconds, 0.375, 0.5);
    }
}
