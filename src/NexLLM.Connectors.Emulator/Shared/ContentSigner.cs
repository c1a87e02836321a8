using System.Security.Cryptography;
using System.Text;

namespace NexLLM.Connectors.Emulator.Shared;

/// <summary>
/// The signatures the emulator puts on what a client must send back unchanged (Claude's thinking, Gemini's thoughts
/// and function calls): the base64 HMAC-SHA256 of a domain and the content, under a secret made when the signer is
/// created. Only content this signer signed verifies, so a test can prove its client echoes it byte for byte; the
/// domain keeps one format's signatures from verifying in another.
/// </summary>
/// <param name="domain">What the signatures are for, e.g. <c>nexllm-emulator/thinking</c>.</param>
internal sealed class ContentSigner(string domain)
{
    // A longer text cannot be the base64 of a 32-byte MAC: it is refused before decoding, which keeps the buffer small.
    private const int MaxSignatureLength = 128;

    private readonly byte[] _domain = Encoding.UTF8.GetBytes(domain + "\n");
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    /// <summary>The signature of <paramref name="content"/>: deterministic for this signer.</summary>
    public string Sign(string content) => Convert.ToBase64String(Mac(content));

    /// <summary>Whether <paramref name="signature"/> is this signer's signature of <paramref name="content"/> (compared in constant time).</summary>
    public bool Verify(string content, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length > MaxSignatureLength)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[MaxSignatureLength / 4 * 3];
        return Convert.TryFromBase64String(signature, given, out int length)
            && CryptographicOperations.FixedTimeEquals(given[..length], Mac(content));
    }

    private byte[] Mac(string content)
    {
        byte[] text = Encoding.UTF8.GetBytes(content);
        byte[] message = new byte[_domain.Length + text.Length];
        _domain.CopyTo(message, 0);
        text.CopyTo(message, _domain.Length);
        return HMACSHA256.HashData(_secret, message);
    }
}
