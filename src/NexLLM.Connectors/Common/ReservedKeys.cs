namespace NexLLM.Connectors.Common;

/// <summary>
/// The rule for the keys of an options' <c>AdditionalProperties</c>, in every adapter: keys that start with <c>nexllm.</c>
/// carry our typed options (written by extension methods) and are never sent; every other key is sent as a top-level
/// request field (docs/architecture.md#conventions).
/// </summary>
internal static class ReservedKeys
{
    /// <summary>The prefix of the keys reserved for typed options.</summary>
    public const string Prefix = "nexllm.";

    /// <summary>Whether a key is reserved for a typed option (and so never sent).</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when it starts with <see cref="Prefix"/>.</returns>
    public static bool IsReserved(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);
}
