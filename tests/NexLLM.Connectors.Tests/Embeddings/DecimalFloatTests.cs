using System.Globalization;
using System.Text;
using NexLLM.Connectors.Embeddings;

namespace NexLLM.Connectors.Tests.Embeddings;

/// <summary>The fast parser of float-array embeddings gives exactly the general parser's float, or steps aside.</summary>
public sealed class DecimalFloatTests
{
    private static bool TryParse(string text, out float value) => DecimalFloat.TryParse(Encoding.ASCII.GetBytes(text), out value);

    private static void AssertExactOrDeclined(string text)
    {
        if (TryParse(text, out float fast))
        {
            float expected = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(fast), $"{text}: {fast:R} instead of {expected:R}");
        }
    }

    [Theory]
    [InlineData("-0.0069292835", -0.0069292835f)]
    [InlineData("0.5", 0.5f)]
    [InlineData("-1", -1f)]
    [InlineData("2e-3", 0.002f)]
    [InlineData("1.2345678E-05", 1.2345678E-05f)]
    [InlineData("100", 100f)]
    [InlineData("0", 0f)]
    public void Typical_embedding_numbers_take_the_fast_path(string text, float expected)
    {
        Assert.True(TryParse(text, out float value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Negative_zero_keeps_its_sign()
    {
        Assert.True(TryParse("-0.0", out float value));
        Assert.True(float.IsNegative(value));
    }

    [Theory]
    [InlineData("0.1234567890123456789")]
    [InlineData("1e-30")]
    [InlineData("3.4028235e38")]
    [InlineData("1e400")]
    public void Numbers_beyond_the_fast_path_are_left_to_the_general_parser(string text) => Assert.False(TryParse(text, out _));

    [Fact]
    public void A_double_exactly_halfway_between_two_floats_is_left_to_the_general_parser()
    {
        // 1 + 2^-24 lies exactly between the floats 1 and 1 + 2^-23: 16777217 / 16777216 in 15 digits is 1.00000005960464.
        // Its double is not the tie itself, so the fast path may answer, but then it must agree with the general parser.
        AssertExactOrDeclined("1.00000005960464");
        AssertExactOrDeclined("16777217");
        Assert.False(TryParse("0.5000000298023224", out _)); // 16 digits
    }

    [Fact]
    public void Random_floats_in_every_notation_parse_to_the_same_bits_as_the_general_parser()
    {
        var random = new Random(20260101);
        for (int i = 0; i < 40_000; i++)
        {
            float value = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 12)));
            foreach (string format in (string[])["R", "G6", "G9", "E7", "F10"])
            {
                AssertExactOrDeclined(value.ToString(format, CultureInfo.InvariantCulture));
            }

            // Digit strings up to the 15-digit limit at and around the midpoint to the next float: where rounding twice could go wrong.
            double midpoint = ((double)value + MathF.BitIncrement(value)) / 2;
            foreach (string format in (string[])["G15", "G14", "G12", "G9"])
            {
                AssertExactOrDeclined(((double)value).ToString(format, CultureInfo.InvariantCulture));
                AssertExactOrDeclined(midpoint.ToString(format, CultureInfo.InvariantCulture));
            }
        }
    }
}
