using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// Streams a speech answer in the default <c>stream_format</c> (<c>audio</c>): the audio file's bytes as the server sends
/// them (docs/protocols/audio.md#speech). Every read becomes one <see cref="TextToSpeechResponseUpdateKind.AudioUpdating"/>
/// update with its bytes (the body is never gathered), and a last <see cref="TextToSpeechResponseUpdateKind.AudioUpdated"/>
/// update without audio says the file is complete and carries the request id. The idle timeout applies between reads.
/// </summary>
internal static class SpeechBodyStreamer
{
    /// <summary>The most bytes one update carries (a read may return fewer: an update holds what one read brought).</summary>
    private const int ReadBufferBytes = 16 * 1024;

    /// <summary>The most of a JSON error body read where audio was due (the rest is never read), as for error statuses.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    public static async IAsyncEnumerable<TextToSpeechResponseUpdate> StreamAsync(
        ResponseBodyStream body, string? responseFormat, string model, string operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var releaseConnection = body.ConfigureAwait(false);
        if (SpeechResponseReader.NotAudio(body.MediaType) is { } problem)
        {
            throw await NotAudioAsync(body, problem, operation).ConfigureAwait(false);
        }

        // Raw PCM is handed out in whole 16-bit samples, so that a player can use each update as it comes: an odd last
        // byte waits for the next read (and goes out alone only if the body ends with it).
        bool wholeSamples = SpeechFormats.IsPcm(SpeechResponseReader.MediaTypeOf(responseFormat, body.MediaType));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        try
        {
            int held = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int read = await body.ReadAsync(buffer.AsMemory(held, ReadBufferBytes - held)).ConfigureAwait(false);
                int available = held + read;
                int size = read == 0 || !wholeSamples ? available : available & ~1;
                if (size > 0)
                {
                    // One copy per update, into an array the caller owns: the read buffer is reused for the next read.
                    byte[] chunk = buffer.AsSpan(0, size).ToArray();
                    yield return new TextToSpeechResponseUpdate([SpeechResponseReader.Content(chunk, responseFormat, body.MediaType)])
                    {
                        Kind = TextToSpeechResponseUpdateKind.AudioUpdating,
                        ModelId = model,
                        RawRepresentation = chunk,
                    };
                }

                if (read == 0)
                {
                    break;
                }

                held = available - size;
                if (held > 0)
                {
                    buffer[0] = buffer[size];
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // The end of the body is the end of the file: this format has no end marker, and a cut-off connection was a
        // Connection error on the read that found it.
        yield return new TextToSpeechResponseUpdate
        {
            Kind = TextToSpeechResponseUpdateKind.AudioUpdated,
            ModelId = model,
            AdditionalProperties = SpeechResponseReader.RequestIdProperties(body.RequestId),
        };
    }

    /// <summary>The error for a 200 answer that is not audio: the error object of a JSON body, or what the body is.</summary>
    private static async Task<NexLLMException> NotAudioAsync(ResponseBodyStream body, string problem, string operation)
    {
        byte[] bytes = new byte[MaxErrorBodyBytes];
        int length = 0;
        while (length < bytes.Length && await body.ReadAsync(bytes.AsMemory(length)).ConfigureAwait(false) is > 0 and var read)
        {
            length += read;
        }

        ReadOnlySpan<byte> text = bytes.AsSpan(0, length);
        return SpeechResponseReader.IsJson(body.MediaType) && ErrorBody.TryParseJson(text, out ErrorBody error)
            ? body.Errors.FromErrorObject(error, text, operation, body.RequestId, inStream: false)
            : body.Error(NexLLMErrorKind.InvalidResponse, $"NexLLM {operation} response {problem}", transient: false, text);
    }
}
