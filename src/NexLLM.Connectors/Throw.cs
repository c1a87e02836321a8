using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NexLLM.Connectors;

/// <summary>Guard clauses that name the offending argument.</summary>
internal static class Throw
{
    public static T IfNull<T>([NotNull] T? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        where T : class
    {
        if (argument is null)
        {
            throw new ArgumentNullException(paramName);
        }

        return argument;
    }

    public static string IfNullOrWhiteSpace([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
        if (argument is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            throw new ArgumentException("The value must not be empty or white space.", paramName);
        }

        return argument;
    }

    /// <summary>Rejects identifiers (model names, ids) that could not travel safely in a header, log line or path.</summary>
    public static string IfNotIdentifier([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
        IfNullOrWhiteSpace(argument, paramName);
        foreach (char c in argument)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The value must not contain control characters (found U+{(int)c:X4}).", paramName);
            }
        }

        return argument;
    }

    /// <summary>A timeout: positive and at most <see cref="int.MaxValue"/> milliseconds (about 24.8 days, what timers and sockets accept), or infinite.</summary>
    public static TimeSpan IfNotPositiveOrInfinite(TimeSpan argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
        if (argument != Timeout.InfiniteTimeSpan && (argument <= TimeSpan.Zero || argument.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(paramName, argument, "The value must be positive and at most 24 days, or Timeout.InfiniteTimeSpan.");
        }

        return argument;
    }

    public static int IfOutOfRange(int argument, int min, int max, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
        if (argument < min || argument > max)
        {
            throw new ArgumentOutOfRangeException(paramName, argument, $"The value must be between {min} and {max}.");
        }

        return argument;
    }
}
