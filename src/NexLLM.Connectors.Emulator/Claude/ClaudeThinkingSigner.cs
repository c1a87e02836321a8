using System.Collections.Concurrent;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// Signs the thinking blocks this emulator sends and checks the ones a request echoes back, as Anthropic does with
/// <c>signature</c> (docs/protocols/claude-messages.md#gotchas): a signature is the base64 HMAC-SHA256 of the thinking text under a
/// secret made when the emulator starts, so only the exact text this emulator produced verifies. Redacted thinking
/// data is accepted back only when this emulator issued it. Client tests can thereby prove that thinking is echoed unchanged.
/// </summary>
internal sealed class ClaudeThinkingSigner
{
    private readonly ContentSigner _thinking = new("nexllm-emulator/thinking");
    private readonly ConcurrentDictionary<string, byte> _issuedRedactedData = new(StringComparer.Ordinal);

    /// <summary>The signature of a thinking text: deterministic for this emulator instance.</summary>
    public string Sign(string thinking) => _thinking.Sign(thinking);

    /// <summary>Whether <paramref name="signature"/> is the one this emulator gives <paramref name="thinking"/> (compared in constant time).</summary>
    public bool Verify(string thinking, string? signature) => _thinking.Verify(thinking, signature);

    /// <summary>Remembers redacted thinking data sent in a reply, so a later request may echo it.</summary>
    public void Issue(string redactedData) => _issuedRedactedData.TryAdd(redactedData, 0);

    /// <summary>Whether this emulator sent <paramref name="redactedData"/>.</summary>
    public bool WasIssued(string? redactedData) => redactedData is not null && _issuedRedactedData.ContainsKey(redactedData);
}
