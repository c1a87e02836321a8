namespace NexLLM.Connectors.Http;

/// <summary>
/// Removes the API key from any text that leaves the client (exception messages, excerpts, logs). The gateway strips a
/// leading <c>sk-</c> before it looks a key up (WIRE.md §0.2), so its error text may repeat the key with or without it.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Placeholder = "[REDACTED]";

    private readonly string[] _secrets;

    public SecretRedactor(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            _secrets = [];
            return;
        }

        // Longest first, so the full key is replaced before its shorter form.
        string bare = apiKey.StartsWith("sk-", StringComparison.OrdinalIgnoreCase) ? apiKey[3..] : apiKey;
        _secrets = bare.Length >= 8 && bare.Length != apiKey.Length ? [apiKey, bare] : [apiKey];
    }

    public string Redact(string text)
    {
        foreach (string secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Placeholder, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
