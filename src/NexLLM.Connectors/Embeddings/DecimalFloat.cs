namespace NexLLM.Connectors.Embeddings;

/// <summary>
/// Parses the decimal numbers of float-array embeddings (e.g. <c>-0.0069292835</c>, <c>1.2345e-05</c>) several times
/// faster than the general parser, exactly: Clinger's fast path. A decimal of at most 15 significant digits times a power
/// of ten within ±22 is one correctly rounded double operation on exact operands; rounding that double to float is exact
/// too unless the double lies exactly halfway between two floats. Anything else (more digits, larger exponents, a tie)
/// returns <see langword="false"/> and the caller uses the general parser.
/// </summary>
internal static class DecimalFloat
{
    private const int MaxDigits = 15;
    private const int MaxPowerOfTen = 22;

    /// <summary>The bits of a double below float precision (52 - 23 = 29) when it is exactly halfway between two floats.</summary>
    private const ulong HalfwayBits = 1UL << 28;
    private const ulong BelowFloatMask = (1UL << 29) - 1;

    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses a JSON number token (already validated by the reader).</summary>
    public static bool TryParse(ReadOnlySpan<byte> number, out float value)
    {
        value = 0;
        int i = 0;
        bool negative = number.Length > 0 && number[0] == (byte)'-';
        if (negative)
        {
            i++;
        }

        ulong mantissa = 0;
        int digits = 0;
        int exponent = 0;
        bool fraction = false;
        int start = i;
        for (; i < number.Length; i++)
        {
            uint digit = (uint)(number[i] - '0');
            if (digit <= 9)
            {
                if (mantissa != 0 || digit != 0)
                {
                    if (++digits > MaxDigits)
                    {
                        return false;
                    }

                    mantissa = (mantissa * 10) + digit;
                }

                exponent -= fraction ? 1 : 0;
            }
            else if (number[i] == (byte)'.' && !fraction)
            {
                fraction = true;
            }
            else
            {
                break;
            }
        }

        if (i == start)
        {
            return false;
        }

        if (i < number.Length)
        {
            if ((number[i] | 0x20) != (byte)'e' || !TryReadExponent(number[(i + 1)..], out int written))
            {
                return false;
            }

            exponent += written;
        }

        if (mantissa == 0)
        {
            value = negative ? -0f : 0f;
            return true;
        }

        if (exponent is < -MaxPowerOfTen or > MaxPowerOfTen)
        {
            return false;
        }

        double exact = exponent < 0 ? mantissa / PowersOfTen[-exponent] : mantissa * PowersOfTen[exponent];
        if ((BitConverter.DoubleToUInt64Bits(exact) & BelowFloatMask) == HalfwayBits)
        {
            return false;
        }

        value = negative ? -(float)exact : (float)exact;
        return true;
    }

    private static bool TryReadExponent(ReadOnlySpan<byte> text, out int exponent)
    {
        exponent = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        if (i == text.Length || text.Length - i > 3)
        {
            return false;
        }

        for (; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            exponent = (exponent * 10) + (int)digit;
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }
}
