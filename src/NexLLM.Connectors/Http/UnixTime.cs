namespace NexLLM.Connectors.Http;

/// <summary>Unix timestamps of the wire formats (<c>created</c>) as <see cref="DateTimeOffset"/>; out-of-range values are no date.</summary>
internal static class UnixTime
{
    public static DateTimeOffset? FromSeconds(long? seconds) =>
        seconds is > 0 and < 253402300800 ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;
}
