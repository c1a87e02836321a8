using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// OpenAI's checks of a speech request, relayed by new-api as HTTP 400 (speech_create_params.py, docs/protocols/audio.md#speech),
/// then the emulator's own refusal of the two formats it cannot encode.
/// </summary>
internal static class SpeechRequestValidator
{
    public const int MaxInputLength = 4096;

    public const double MinSpeed = 0.25;

    public const double MaxSpeed = 4.0;

    /// <summary>OpenAI's built-in voices, in its order (speech_create_params.py).</summary>
    public static readonly string[] Voices = ["alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar"];

    public static OpenAIUpstreamError? FindError(SpeechCall call)
    {
        // new-api always sends "input" and "voice" (no omitempty), so a missing one reaches OpenAI as "".
        if (call.Input.Length == 0)
        {
            return OpenAIUpstreamError.EmptyString("input");
        }

        int length = call.Input.EnumerateRunes().Count();
        if (length > MaxInputLength)
        {
            return OpenAIUpstreamError.StringTooLong("input", MaxInputLength, length);
        }

        if (!Voices.Contains(call.Voice))
        {
            return OpenAIUpstreamError.InvalidValue("voice", call.Voice, Voices);
        }

        if (call.ResponseFormat.Length > 0 && !SpeechFormat.OpenAINames.Contains(call.ResponseFormat))
        {
            return OpenAIUpstreamError.InvalidValue("response_format", call.ResponseFormat, SpeechFormat.OpenAINames);
        }

        if (call.Speed is { } speed && speed is < MinSpeed or > MaxSpeed)
        {
            return OpenAIUpstreamError.DecimalOutOfRange("speed", speed, MinSpeed, MaxSpeed);
        }

        if (call.StreamFormat.Length > 0 && call.StreamFormat is not ("audio" or "sse"))
        {
            return OpenAIUpstreamError.InvalidValue("stream_format", call.StreamFormat, "sse", "audio");
        }

        if (call.IsClassicTts && call.Instructions.Length > 0)
        {
            return OpenAIUpstreamError.Invalid("Unsupported parameter: 'instructions' is not supported with this model.", "instructions", "unsupported_parameter");
        }

        if (call.IsClassicTts && call.StreamFormat == "sse")
        {
            return OpenAIUpstreamError.Invalid(
                "Unsupported value: 'stream_format' does not support 'sse' with this model. Supported values are: 'audio'.", "stream_format", "unsupported_value");
        }

        return call.ResponseFormat is "opus" or "aac"
            ? OpenAIUpstreamError.Invalid(
                $"The NexLLM emulator cannot encode {call.ResponseFormat}: response_format '{call.ResponseFormat}' is not available here. Ask for 'mp3', 'flac', 'wav' or 'pcm'.",
                "response_format",
                "unsupported_response_format")
            : null;
    }
}
