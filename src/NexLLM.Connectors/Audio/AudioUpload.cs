using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// The caller's audio as the <c>file</c> part of a transcription form (docs/protocols/audio.md#how-this-connector-uses-it):
/// read from the caller's stream while the request is written, never copied whole into memory. A stream that can seek is
/// sent again from where it started on a retry; one that cannot is sent once (<see cref="NotReplayableBecause"/>).
/// The file name tells the server the audio's format, so it comes from the options, else the media type, else a
/// <see cref="FileStream"/>'s name, else the audio's first bytes (read ahead and sent first). A stream that cannot seek
/// has its first bytes read ahead in any case, so that an empty one is refused before anything is sent.
/// </summary>
internal sealed class AudioUpload
{
    private const string FileField = "file";
    private const string DefaultStem = "audio";

    private readonly Stream _source;
    private readonly long _start;
    private readonly long? _remaining;
    private readonly byte[] _prefix;

    private AudioUpload(Stream source, string fileName, string mediaType, long start, long? remaining, byte[] prefix)
    {
        _source = source;
        FileName = fileName;
        MediaType = mediaType;
        _start = start;
        _remaining = remaining;
        _prefix = prefix;
    }

    /// <summary>Gets the file name sent with the audio.</summary>
    public string FileName { get; }

    /// <summary>Gets the media type sent with the audio.</summary>
    public string MediaType { get; }

    /// <summary>Gets why a failed upload is not retried, or <see langword="null"/> when the stream can seek back to send it again.</summary>
    public string? NotReplayableBecause => _source.CanSeek
        ? null
        : "the audio stream cannot seek back to send it again; pass a seekable stream (such as a FileStream or MemoryStream) to let a failed upload be retried";

    /// <summary>Checks the stream and settles the file name and media type.</summary>
    /// <param name="audioSpeechStream">The caller's stream, read from its current position.</param>
    /// <param name="options">The options, for <c>WithAudioFileName</c> and <c>WithAudioMediaType</c>.</param>
    /// <param name="cancellationToken">The caller's token, for reading the first bytes.</param>
    /// <exception cref="ArgumentException">The stream cannot be read, is empty, or its format cannot be told.</exception>
    public static async ValueTask<AudioUpload> PrepareAsync(Stream audioSpeechStream, SpeechToTextOptions? options, CancellationToken cancellationToken)
    {
        if (!audioSpeechStream.CanRead)
        {
            throw new ArgumentException("The audio stream cannot be read (it is closed or write-only).", nameof(audioSpeechStream));
        }

        long start = 0;
        long? remaining = null;
        if (audioSpeechStream.CanSeek)
        {
            start = audioSpeechStream.Position;
            remaining = Math.Max(0, audioSpeechStream.Length - start);
            if (remaining == 0)
            {
                throw new ArgumentException("The audio stream has no bytes left from its current position.", nameof(audioSpeechStream));
            }
        }

        string? mediaType = AudioOptionKeys.Text(options?.AdditionalProperties, AudioOptionKeys.MediaType);
        if (mediaType is not null && !AudioFileTypes.IsMediaType(mediaType))
        {
            // It is written into the part's headers: a line break there would end them early and corrupt the upload.
            throw new ArgumentException($"The audio's media type '{mediaType.ReplaceLineEndings(" ")}' is not a media type such as audio/wav.", nameof(options));
        }

        string? fileName = AudioOptionKeys.Text(options?.AdditionalProperties, AudioOptionKeys.FileName)
            ?? (AudioFileTypes.ExtensionOf(mediaType) is { } typed ? DefaultStem + typed : null)
            ?? NamedFile(audioSpeechStream);
        byte[] prefix = [];

        // A stream that cannot seek tells whether it is empty only when read, so its first bytes are always read ahead
        // (and sent first): an empty upload is refused here, not sent as an empty file.
        if (fileName is null || !audioSpeechStream.CanSeek)
        {
            byte[] head = new byte[AudioFileTypes.SniffBytes];
            int read = await ReadHeadAsync(audioSpeechStream, head, cancellationToken).ConfigureAwait(false);
            if (audioSpeechStream.CanSeek)
            {
                audioSpeechStream.Position = start;
            }
            else
            {
                prefix = head[..read];
            }

            if (read == 0)
            {
                throw new ArgumentException("The audio stream is empty.", nameof(audioSpeechStream));
            }

            if (fileName is null)
            {
                string extension = AudioFileTypes.Sniff(head.AsSpan(0, read))
                    ?? throw new ArgumentException(
                        "The audio's format cannot be told from its first bytes; name it with WithAudioFileName (for example \"speech.mp3\") or WithAudioMediaType. Transcriptions take flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, wav and webm."
                        + (audioSpeechStream.CanSeek ? string.Empty : " This stream cannot seek and its first bytes were read to look: pass the audio again from its start."),
                        nameof(options));
                fileName = DefaultStem + extension;
            }
        }

        return new AudioUpload(audioSpeechStream, fileName, mediaType ?? AudioFileTypes.MediaTypeOf(fileName) ?? "application/octet-stream", start, remaining, prefix);
    }

    /// <summary>The part for one attempt: a seekable stream is rewound to where it started, so a retry sends the same audio.</summary>
    public FormFile CreatePart()
    {
        if (_source.CanSeek)
        {
            _source.Position = _start;
        }

        return FormFile.FromStream(FileField, FileName, MediaType, _prefix, _source, _remaining);
    }

    /// <summary>A file stream's own name, when its extension is a format the server takes.</summary>
    private static string? NamedFile(Stream audio) =>
        audio is FileStream { Name: { Length: > 0 } path } && Path.GetFileName(path) is { Length: > 0 } name && AudioFileTypes.MediaTypeOf(name) is not null
            ? name
            : null;

    private static async ValueTask<int> ReadHeadAsync(Stream audio, byte[] head, CancellationToken cancellationToken)
    {
        int read = 0;
        int last;
        while (read < head.Length && (last = await audio.ReadAsync(head.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += last;
        }

        return read;
    }
}
