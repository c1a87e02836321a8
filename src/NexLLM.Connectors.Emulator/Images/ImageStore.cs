using System.Security.Cryptography;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// The pictures answered as URLs (dall-e's <c>response_format: url</c>), kept for <see cref="Lifetime"/> as OpenAI's
/// URLs are (docs/protocols/images.md) and at most <see cref="Capacity"/> at a time (the oldest go first). Ids are 128
/// random bits, so a URL is as hard to guess as a signed one.
/// </summary>
internal sealed class ImageStore
{
    /// <summary>How long a URL answers.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(60);

    /// <summary>The most pictures kept.</summary>
    public const int Capacity = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (byte[] Png, DateTimeOffset Expires)> _pictures = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Keeps a PNG and returns its id.</summary>
    public string Add(byte[] png)
    {
        string id = "img-" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        lock (_gate)
        {
            _pictures[id] = (png, DateTimeOffset.UtcNow + Lifetime);
            _order.Enqueue(id);
            while (_order.Count > Capacity)
            {
                _pictures.Remove(_order.Dequeue());
            }
        }

        return id;
    }

    /// <summary>Returns a kept PNG, or <see langword="null"/> when the id is unknown or its hour has passed.</summary>
    public byte[]? Find(string id)
    {
        lock (_gate)
        {
            return _pictures.TryGetValue(id, out var picture) && picture.Expires > DateTimeOffset.UtcNow ? picture.Png : null;
        }
    }
}
