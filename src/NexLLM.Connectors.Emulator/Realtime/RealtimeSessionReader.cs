using System.Globalization;
using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// Applies <c>session.update</c>: OpenAI refuses an unknown field or a bad value with an <c>error</c> event and changes
/// nothing; otherwise the named fields change and the rest stay (openai-python beta <c>session_update_event.py</c>). GA
/// mode also reads the GA shape (<c>type</c>, <c>output_modalities</c>, <c>audio.input</c> / <c>audio.output</c>,
/// <c>max_output_tokens</c>; <c>types/realtime/realtime_session_create_request_param.py</c>).
/// </summary>
internal static class RealtimeSessionReader
{
    private static readonly string[] BetaFields =
    [
        "modalities", "instructions", "voice", "input_audio_format", "output_audio_format", "input_audio_transcription", "turn_detection",
        "tools", "tool_choice", "temperature", "max_response_output_tokens", "input_audio_noise_reduction", "model", "speed", "tracing", "include",
    ];

    private static readonly string[] GaFields = ["type", "output_modalities", "audio", "max_output_tokens", "truncation", "prompt"];
    private static readonly string[] Formats = ["pcm16", "g711_ulaw", "g711_alaw"];
    private static readonly string[] Voices = ["alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar"];

    /// <summary>Applies the update; returns the error that refused it, or <see langword="null"/>.</summary>
    public static RealtimeError? Apply(JsonElement root, RealtimeSessionSettings settings, RealtimeDialect dialect)
    {
        if (!root.TryGetProperty("session", out var session) || session.ValueKind != JsonValueKind.Object)
        {
            return RealtimeError.Invalid("missing_required_parameter", "Missing required parameter: 'session'.", "session");
        }

        foreach (var property in session.EnumerateObject())
        {
            if (!BetaFields.Contains(property.Name) && !(dialect.IsGa && GaFields.Contains(property.Name)))
            {
                return RealtimeError.Invalid("unknown_parameter", $"Unknown parameter: 'session.{property.Name}'.", "session." + property.Name);
            }
        }

        var staged = new List<Action>();
        var error = ReadCommon(session, settings, staged) ?? (dialect.IsGa ? ReadGa(session, settings, staged) : null);
        if (error is not null)
        {
            return error;
        }

        foreach (var apply in staged)
        {
            apply();
        }

        return null;
    }

    private static RealtimeError? ReadCommon(JsonElement session, RealtimeSessionSettings settings, List<Action> staged)
    {
        if (session.TryGetProperty("modalities", out var modalities))
        {
            string[] values = [.. modalities.EnumerateArray().Select(m => m.GetString() ?? "").Order(StringComparer.Ordinal)];
            if (!(values.SequenceEqual(["text"]) || values.SequenceEqual(["audio", "text"])))
            {
                return Invalid("session.modalities", $"Invalid modalities: [{string.Join(", ", values.Select(v => $"'{v}'"))}]. Supported combinations are: ['text'] and ['audio', 'text'].");
            }

            staged.Add(() => settings.Modalities = values.Contains("audio") ? ["text", "audio"] : ["text"]);
        }

        if (Text(session, "instructions") is { } instructions)
        {
            staged.Add(() => settings.Instructions = instructions);
        }

        if (Text(session, "voice") is { } voice)
        {
            if (!Voices.Contains(voice))
            {
                return Invalid("session.voice", $"Invalid value: '{voice}'. Supported values are: {Quoted(Voices)}.");
            }

            staged.Add(() => settings.Voice = voice);
        }

        foreach (string name in new[] { "input_audio_format", "output_audio_format" })
        {
            if (Text(session, name) is { } format)
            {
                if (!Formats.Contains(format))
                {
                    return Invalid("session." + name, $"Invalid value: '{format}'. Supported values are: {Quoted(Formats)}.");
                }

                staged.Add(name == "input_audio_format" ? () => settings.InputAudioFormat = format : () => settings.OutputAudioFormat = format);
            }
        }

        if (session.TryGetProperty("input_audio_transcription", out var transcription))
        {
            var copy = transcription.ValueKind == JsonValueKind.Object ? transcription.Clone() : (JsonElement?)null;
            staged.Add(() => settings.InputAudioTranscription = copy);
        }

        if (ReadTurnDetection(session, "turn_detection", settings, staged) is { } turnError)
        {
            return turnError;
        }

        if (session.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                if (tool.ValueKind != JsonValueKind.Object || Text(tool, "name") is not { Length: > 0 })
                {
                    return RealtimeError.Invalid("missing_required_parameter", $"Missing required parameter: 'session.tools[{index}].name'.", $"session.tools[{index}].name");
                }

                index++;
            }

            JsonElement[] copies = [.. tools.EnumerateArray().Select(t => t.Clone())];
            staged.Add(() => settings.Tools = copies);
        }

        if (Text(session, "tool_choice") is { } choice)
        {
            staged.Add(() => settings.ToolChoice = choice);
        }

        if (session.TryGetProperty("temperature", out var temperature) && temperature.ValueKind == JsonValueKind.Number)
        {
            double value = temperature.GetDouble();
            if (value is < 0.6 or > 1.2)
            {
                return Invalid("session.temperature", string.Create(CultureInfo.InvariantCulture, $"Invalid 'session.temperature': {value} is outside the range 0.6 to 1.2."));
            }

            staged.Add(() => settings.Temperature = value);
        }

        return ReadLimit(session, "max_response_output_tokens", settings, staged);
    }

    private static RealtimeError? ReadGa(JsonElement session, RealtimeSessionSettings settings, List<Action> staged)
    {
        if (Text(session, "type") is { } type && type != "realtime")
        {
            return Invalid("session.type", $"Invalid value: '{type}'. Supported values are: 'realtime'.");
        }

        if (session.TryGetProperty("output_modalities", out var modalities) && modalities.ValueKind == JsonValueKind.Array)
        {
            bool audio = modalities.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() == "audio");
            staged.Add(() => settings.Modalities = audio ? ["text", "audio"] : ["text"]);
        }

        if (session.TryGetProperty("audio", out var audioSettings) && audioSettings.ValueKind == JsonValueKind.Object)
        {
            if (audioSettings.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object)
            {
                if (GaFormat(input) is { } format)
                {
                    staged.Add(() => settings.InputAudioFormat = format);
                }

                if (input.TryGetProperty("transcription", out var transcription))
                {
                    var copy = transcription.ValueKind == JsonValueKind.Object ? transcription.Clone() : (JsonElement?)null;
                    staged.Add(() => settings.InputAudioTranscription = copy);
                }

                if (ReadTurnDetection(input, "turn_detection", settings, staged) is { } error)
                {
                    return error;
                }
            }

            if (audioSettings.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Object)
            {
                if (GaFormat(output) is { } format)
                {
                    staged.Add(() => settings.OutputAudioFormat = format);
                }

                if (Text(output, "voice") is { } voice)
                {
                    staged.Add(() => settings.Voice = voice);
                }
            }
        }

        return ReadLimit(session, "max_output_tokens", settings, staged);
    }

    private static string? GaFormat(JsonElement audio) =>
        audio.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Object
            ? Text(format, "type") switch { "audio/pcmu" => "g711_ulaw", "audio/pcma" => "g711_alaw", "audio/pcm" => "pcm16", _ => null }
            : null;

    private static RealtimeError? ReadTurnDetection(JsonElement obj, string name, RealtimeSessionSettings settings, List<Action> staged)
    {
        if (!obj.TryGetProperty(name, out var detection))
        {
            return null;
        }

        if (detection.ValueKind == JsonValueKind.Object && Text(detection, "type") is { } type && type is not ("server_vad" or "semantic_vad"))
        {
            return Invalid("session.turn_detection.type", $"Invalid value: '{type}'. Supported values are: 'server_vad' and 'semantic_vad'.");
        }

        var copy = detection.ValueKind == JsonValueKind.Object ? detection.Clone() : (JsonElement?)null;
        staged.Add(() => settings.TurnDetection = copy);
        return null;
    }

    private static RealtimeError? ReadLimit(JsonElement session, string name, RealtimeSessionSettings settings, List<Action> staged)
    {
        if (!session.TryGetProperty(name, out var limit))
        {
            return null;
        }

        if (limit.ValueKind == JsonValueKind.String && limit.GetString() == "inf")
        {
            staged.Add(() => settings.MaxResponseOutputTokens = null);
            return null;
        }

        if (limit.ValueKind == JsonValueKind.Number && limit.TryGetInt32(out int value) && value is >= 1 and <= 4096)
        {
            staged.Add(() => settings.MaxResponseOutputTokens = value);
            return null;
        }

        return Invalid("session." + name, $"Invalid 'session.{name}': expected an integer between 1 and 4096, or 'inf'.");
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    private static RealtimeError Invalid(string param, string message) => RealtimeError.Invalid("invalid_value", message, param);
}
