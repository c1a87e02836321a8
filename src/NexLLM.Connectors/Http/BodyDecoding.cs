namespace NexLLM.Connectors.Http;

/// <summary>
/// What a failed read of a response body means when the handler decompresses it on the way (the socket handler does, for
/// a <c>Content-Encoding</c> of gzip, deflate or br). The gzip and deflate decoders report corrupt data as an
/// <see cref="InvalidDataException"/>, but the Brotli decoder as an <see cref="InvalidOperationException"/> ("Decoder ran
/// into invalid data"). Every read site catches that exception around the body's read call alone, where nothing of ours
/// can throw it, and rethrows it through <see cref="Failed"/>, so that each corrupt encoding takes the one
/// <see cref="InvalidDataException"/> path: <see cref="NexLLMErrorKind.InvalidResponse"/>, not retried (the same bytes
/// would come again).
/// </summary>
internal static class BodyDecoding
{
    public static InvalidDataException Failed(InvalidOperationException ex) => new(ex.Message, ex);
}
