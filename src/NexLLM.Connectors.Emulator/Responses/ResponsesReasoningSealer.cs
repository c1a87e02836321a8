using System.Text;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// The <c>encrypted_content</c> of the reasoning items this emulator sends, and its check when a request echoes one
/// back (stateless use, docs/protocols/responses.md#gotchas). The content is opaque to clients: <c>gAAAAA</c> (the start
/// of OpenAI's own tokens) and the base64 of the reasoning text followed by its HMAC-SHA256 under a secret made when the
/// emulator starts (<see cref="ContentSigner"/>). Only content this emulator sealed, unchanged, opens again.
/// </summary>
internal sealed class ResponsesReasoningSealer
{
    private const string Prefix = "gAAAAA";
    private const int MacLength = 32;

    private readonly ContentSigner _signer = new("nexllm-emulator/responses-reasoning");

    /// <summary>Seals a reasoning text: deterministic for this emulator instance.</summary>
    public string Seal(string reasoning)
    {
        byte[] text = Encoding.UTF8.GetBytes(reasoning);
        byte[] mac = Convert.FromBase64String(_signer.Sign(reasoning));
        return Prefix + Convert.ToBase64String([.. text, .. mac]);
    }

    /// <summary>Whether <paramref name="encryptedContent"/> is content this emulator sealed, unchanged.</summary>
    public bool Verify(string encryptedContent)
    {
        if (!encryptedContent.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encryptedContent[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length < MacLength)
        {
            return false;
        }

        // A tampered text may not even be UTF-8: decoding replaces the bad bytes, and the MAC of the result cannot match.
        string reasoning = Encoding.UTF8.GetString(bytes, 0, bytes.Length - MacLength);
        return _signer.Verify(reasoning, Convert.ToBase64String(bytes, bytes.Length - MacLength, MacLength));
    }
}
