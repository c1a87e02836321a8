using NexLLM.Connectors.Benchmarks.Wire;

namespace NexLLM.Connectors.Benchmarks.Replay;

/// <summary>The answers the replay server can give, by scenario name (the first path segment of every request).</summary>
internal static class Scenarios
{
    public const string Chat = "chat";
    public const string ChatStream = "chat-stream";
    public const string Claude = "claude";
    public const string ClaudeStream = "claude-stream";
    public const string GeminiStream = "gemini-stream";
    public const string ResponsesStream = "responses-stream";
    public const string EmbeddingsBase64 = "embed-base64";
    public const string EmbeddingsFloat = "embed-float";
    public const string ImagesBase64 = "images-b64";
    public const string Transcription = "transcription";
    public const string SpeechStream = "speech-stream";

    /// <summary>Tokens of a non-streamed answer: a typical chat reply.</summary>
    public const int AnswerTokens = 500;

    /// <summary>Chunks (events) of a streamed answer.</summary>
    public const int StreamChunks = 2000;

    public const int EmbeddingInputs = 256;
    public const int EmbeddingDimensions = 1536;

    /// <summary>Images of one generation, and the bytes of each: about a 1024×1024 PNG, so the base64 body is about 6 MB.</summary>
    public const int ImageCount = 4;
    public const int ImageBytes = 1_150_000;

    /// <summary>The WAV file a transcription uploads: 20 MiB, about 11 minutes of 16 kHz mono speech.</summary>
    public const int WavBytes = 20 * 1024 * 1024;

    /// <summary>
    /// The MP3 file a speech answer streams (1 MiB), and the flushed pieces it is sent in, a pause apart: as the file's
    /// bytes, or as <c>speech.audio.delta</c> events to a request with <c>stream_format: "sse"</c>.
    /// </summary>
    public const int SpeechBytes = 1024 * 1024;
    public const int SpeechPieces = 16;

    /// <summary>The audio bytes of one <c>speech.audio.delta</c> event when the speech is asked for as events (<c>stream_format: "sse"</c>).</summary>
    public const int SpeechDeltaBytes = 16 * 1024;
    public static readonly TimeSpan SpeechGap = TimeSpan.FromMilliseconds(1);

    public static ReplayBody Build(string scenario) => scenario switch
    {
        Chat => new("application/json", ChatCompletionsBodies.Completion(AnswerTokens), Chunked: false),
        ChatStream => new("text/event-stream", ChatCompletionsBodies.Stream(StreamChunks), Chunked: true),
        Claude => new("application/json", ClaudeBodies.Message(AnswerTokens), Chunked: false),
        ClaudeStream => new("text/event-stream", ClaudeBodies.Stream(StreamChunks), Chunked: true),
        GeminiStream => new("text/event-stream", GeminiBodies.Stream(StreamChunks), Chunked: true),
        ResponsesStream => new("text/event-stream", ResponsesBodies.Stream(StreamChunks), Chunked: true),
        EmbeddingsBase64 => new("application/json", EmbeddingBodies.Base64(EmbeddingInputs, EmbeddingDimensions), Chunked: false),
        EmbeddingsFloat => new("application/json", EmbeddingBodies.Floats(EmbeddingInputs, EmbeddingDimensions), Chunked: false),
        ImagesBase64 => new("application/json", ImageBodies.Base64(ImageCount, ImageBytes), Chunked: false),
        Transcription => new("application/json", AudioBodies.TranscriptionJson(AudioBodies.WavSeconds(WavBytes)), Chunked: false) { MinRequestBytes = WavBytes },
        SpeechStream => new("audio/mpeg", AudioBodies.Speech(SpeechBytes), Chunked: true)
        {
            Pieces = SpeechPieces,
            Gap = SpeechGap,
            AlternateWhen = "\"stream_format\":\"sse\""u8.ToArray(),
            Alternate = new("text/event-stream", AudioBodies.SpeechEvents(AudioBodies.Speech(SpeechBytes), SpeechDeltaBytes), Chunked: true) { Pieces = SpeechPieces, Gap = SpeechGap },
        },
        _ => throw new ArgumentException($"Unknown scenario '{scenario}'.", nameof(scenario)),
    };
}
