using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// Writes the <c>session</c> object of <c>session.created</c> / <c>session.updated</c>: the beta shape (openai-python beta
/// <c>session.py</c>: flat <c>modalities</c>, <c>voice</c>, <c>input_audio_format</c>…) or the GA one (<c>types/realtime/
/// realtime_session_create_response.py</c>: <c>type</c>, <c>output_modalities</c>, <c>audio.input</c> / <c>audio.output</c>).
/// </summary>
internal static class RealtimeSessionWriter
{
    public static void Write(Utf8JsonWriter w, RealtimeSessionSettings session, RealtimeDialect dialect)
    {
        w.WriteStartObject("session");
        if (dialect.IsGa)
        {
            WriteGa(w, session);
        }
        else
        {
            WriteBeta(w, session);
        }

        w.WriteEndObject();
    }

    private static void WriteBeta(Utf8JsonWriter w, RealtimeSessionSettings session)
    {
        w.WriteString("id", session.Id);
        w.WriteString("object", "realtime.session");
        w.WriteString("model", session.Model);
        w.WriteNumber("expires_at", DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds());
        w.WriteStartArray("modalities");
        foreach (string modality in session.Modalities)
        {
            w.WriteStringValue(modality);
        }

        w.WriteEndArray();
        w.WriteString("instructions", session.Instructions);
        w.WriteString("voice", session.Voice);
        w.WriteString("input_audio_format", session.InputAudioFormat);
        w.WriteString("output_audio_format", session.OutputAudioFormat);
        WriteElementOrNull(w, "input_audio_transcription", session.InputAudioTranscription);
        WriteElementOrNull(w, "turn_detection", session.TurnDetection);
        WriteTools(w, session);
        w.WriteString("tool_choice", session.ToolChoice);
        w.WriteNumber("temperature", session.Temperature);
        WriteLimit(w, "max_response_output_tokens", session.MaxResponseOutputTokens);
    }

    private static void WriteGa(Utf8JsonWriter w, RealtimeSessionSettings session)
    {
        w.WriteString("type", "realtime");
        w.WriteString("object", "realtime.session");
        w.WriteString("id", session.Id);
        w.WriteString("model", session.Model);
        w.WriteStartArray("output_modalities");
        w.WriteStringValue(session.Modalities.Contains("audio") ? "audio" : "text");
        w.WriteEndArray();
        w.WriteString("instructions", session.Instructions);
        w.WriteStartObject("audio");
        w.WriteStartObject("input");
        WriteGaFormat(w, session.InputAudioFormat);
        WriteElementOrNull(w, "transcription", session.InputAudioTranscription);
        w.WriteNull("noise_reduction");
        WriteElementOrNull(w, "turn_detection", session.TurnDetection);
        w.WriteEndObject();
        w.WriteStartObject("output");
        WriteGaFormat(w, session.OutputAudioFormat);
        w.WriteString("voice", session.Voice);
        w.WriteNumber("speed", 1.0);
        w.WriteEndObject();
        w.WriteEndObject();
        WriteTools(w, session);
        w.WriteString("tool_choice", session.ToolChoice);
        WriteLimit(w, "max_output_tokens", session.MaxResponseOutputTokens);
        w.WriteNull("tracing");
        w.WriteNull("prompt");
        w.WriteNumber("expires_at", 0);
    }

    /// <summary>GA formats are objects: <c>{"type":"audio/pcm","rate":24000}</c>, <c>audio/pcmu</c>, <c>audio/pcma</c>.</summary>
    private static void WriteGaFormat(Utf8JsonWriter w, string betaFormat)
    {
        w.WriteStartObject("format");
        switch (betaFormat)
        {
            case "g711_ulaw":
                w.WriteString("type", "audio/pcmu");
                break;
            case "g711_alaw":
                w.WriteString("type", "audio/pcma");
                break;
            default:
                w.WriteString("type", "audio/pcm");
                w.WriteNumber("rate", 24_000);
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteTools(Utf8JsonWriter w, RealtimeSessionSettings session)
    {
        w.WriteStartArray("tools");
        foreach (var tool in session.Tools)
        {
            tool.WriteTo(w);
        }

        w.WriteEndArray();
    }

    /// <summary>An output limit is a number, or OpenAI's string <c>"inf"</c> for none.</summary>
    public static void WriteLimit(Utf8JsonWriter w, string name, int? limit)
    {
        if (limit is { } value)
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteString(name, "inf");
        }
    }

    private static void WriteElementOrNull(Utf8JsonWriter w, string name, JsonElement? value)
    {
        w.WritePropertyName(name);
        if (value is { } element)
        {
            element.WriteTo(w);
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
