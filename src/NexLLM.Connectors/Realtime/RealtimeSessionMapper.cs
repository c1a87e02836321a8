using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;

namespace NexLLM.Connectors.Realtime;

/// <summary>
/// Session and response settings, from M.E.AI's options to the beta protocol's fields (docs/protocols/realtime.md#client-events).
/// What the protocol cannot carry is refused here, before anything is sent: a frame the gateway cannot decode ends the session
/// (docs/protocols/realtime.md#through-the-gateway).
/// </summary>
internal static class RealtimeSessionMapper
{
    private static readonly JsonElement JsonNull = JsonDocument.Parse("null").RootElement;

    /// <summary>Maps the session options of <c>session.update</c>.</summary>
    /// <exception cref="ArgumentException">An option has no value the gateway accepts.</exception>
    public static RealtimeSession Map(RealtimeSessionOptions options, Action<string> ignored)
    {
        if (options.SessionKind == RealtimeSessionKind.Transcription)
        {
            throw new ArgumentException(
                "RealtimeSessionOptions.SessionKind is Transcription, but the gateway's /v1/realtime opens conversation sessions only (the beta protocol's transcription sessions are another route).",
                nameof(options));
        }

        return new RealtimeSession
        {
            Modalities = options.OutputModalities is { Count: > 0 } modalities ? modalities : null,
            Instructions = options.Instructions,
            Voice = options.Voice,
            InputAudioFormat = AudioFormat(options.InputAudioFormat, "RealtimeSessionOptions.InputAudioFormat"),
            OutputAudioFormat = AudioFormat(options.OutputAudioFormat, "RealtimeSessionOptions.OutputAudioFormat"),
            InputAudioTranscription = options.TranscriptionOptions is { } transcription
                ? new RealtimeTranscription { Model = transcription.ModelId, Language = transcription.SpeechLanguage, Prompt = transcription.Prompt }
                : null,
            TurnDetection = TurnDetection(options.VoiceActivityDetection),
            Tools = Tools(options.Tools, ignored),
            ToolChoice = ToolChoice(options.ToolMode, "RealtimeSessionOptions.ToolMode"),
            MaxResponseOutputTokens = options.MaxOutputTokens,
        };
    }

    /// <summary>
    /// The beta audio format names. The beta protocol has no sample rate: PCM is 24 kHz and G.711 8 kHz, so
    /// <see cref="RealtimeAudioFormat.SampleRate"/> is not sent.
    /// </summary>
    /// <exception cref="ArgumentException">A media type the protocol does not have.</exception>
    public static string? AudioFormat(RealtimeAudioFormat? format, string what) => format?.MediaType?.ToLowerInvariant() switch
    {
        null => null,
        "audio/pcm" or "audio/pcm16" or "audio/l16" => "pcm16",
        "audio/pcmu" or "audio/basic" or "audio/g711-ulaw" => "g711_ulaw",
        "audio/pcma" or "audio/g711-alaw" => "g711_alaw",
        _ => throw new ArgumentException(
            $"{what} has media type '{format.MediaType}', which the realtime protocol does not have: use audio/pcm (PCM16, 24 kHz), audio/pcmu or audio/pcma.", what),
    };

    /// <summary>The function tools; tools that are not functions are logged as ignored, never sent under another name.</summary>
    public static List<RealtimeTool>? Tools(IEnumerable<AITool>? tools, Action<string> ignored)
    {
        if (tools is null)
        {
            return null;
        }

        var definitions = new List<RealtimeTool>();
        foreach (AITool tool in tools)
        {
            if (tool is AIFunctionDeclaration function)
            {
                definitions.Add(new RealtimeTool { Name = function.Name, Description = FunctionTools.DescriptionOf(function), Parameters = function.JsonSchema });
            }
            else
            {
                ignored($"tool {tool.Name} ({tool.GetType().Name})");
            }
        }

        // An empty list given is sent as [] (it clears the session's tools); a list of tools none of which the protocol
        // has (logged above) is not sent at all.
        return definitions.Count > 0 || !tools.Any() ? definitions : null;
    }

    /// <summary>
    /// <c>auto</c>, <c>none</c> or <c>required</c>. One named function would be an object, which the gateway's event type
    /// cannot hold: it would end the session (docs/protocols/realtime.md#through-the-gateway).
    /// </summary>
    /// <exception cref="ArgumentException">The mode requires one named function.</exception>
    public static string? ToolChoice(ChatToolMode? mode, string what) => mode switch
    {
        null => null,
        NoneChatToolMode => "none",
        AutoChatToolMode => "auto",
        RequiredChatToolMode { RequiredFunctionName: null } => "required",
        RequiredChatToolMode { RequiredFunctionName: { } name } => throw new ArgumentException(
            $"{what} requires the function '{name}', which the realtime protocol expresses as a tool_choice object; the gateway decodes tool_choice as a string only, and such a frame ends its session. Use ChatToolMode.RequireAny with only that tool instead.",
            what),
        _ => throw new ArgumentException($"{what} has an unknown mode {mode.GetType().Name}.", what),
    };

    private static JsonElement? TurnDetection(VoiceActivityDetectionOptions? vad)
    {
        if (vad is null)
        {
            return null;
        }

        if (!vad.Enabled)
        {
            // JSON null turns detection off: the client commits the audio buffer and asks for responses itself.
            return JsonNull;
        }

        return JsonSerializer.SerializeToElement(
            new Dictionary<string, JsonElement>
            {
                ["type"] = JsonSerializer.SerializeToElement("server_vad", RealtimeJsonContext.Default.String),
                ["interrupt_response"] = JsonSerializer.SerializeToElement(vad.AllowInterruption, RealtimeJsonContext.Default.Boolean),
            },
            RealtimeJsonContext.Default.DictionaryStringJsonElement);
    }
}
