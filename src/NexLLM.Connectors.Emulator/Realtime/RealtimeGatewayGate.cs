using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// new-api decodes every client frame into its <c>dto.RealtimeEvent</c> before passing it on, and a frame that does not
/// decode ends the session (new-api relay/channel/openai/relay-openai.go <c>OpenaiRealtimeHandler</c>: the error goes to
/// its error channel, the handler returns and the connection is dropped; docs/protocols/realtime.md#through-the-gateway).
/// This checks a frame against that type the way Go's decoder does: a JSON null fits any field, unknown fields are
/// ignored, a value of the wrong JSON kind is an error (dto/realtime.go: <c>session.tool_choice</c> is a string, for example).
/// </summary>
internal static class RealtimeGatewayGate
{
    private static readonly string[] EventStrings = ["event_id", "type", "delta", "audio"];
    private static readonly string[] SessionStrings = ["instructions", "voice", "input_audio_format", "output_audio_format", "tool_choice"];
    private static readonly string[] ToolStrings = ["type", "name", "description"];
    private static readonly string[] ItemStrings = ["id", "type", "status", "role", "name", "call_id"];
    private static readonly string[] ContentStrings = ["type", "text", "audio", "transcript"];

    /// <summary>Returns why new-api could not decode the frame, or <see langword="null"/> when it can.</summary>
    public static string? Check(ReadOnlySpan<byte> frame)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(frame.ToArray());
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return "not JSON: " + ex.Message;
        }

        if (root.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the frame is not a JSON object";
        }

        return Strings(root, "", EventStrings)
            ?? Session(root)
            ?? Item(root)
            ?? ObjectOrNull(root, "error", "")
            ?? ObjectOrNull(root, "response", "")
            ?? (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
                ? ObjectOrNull(response, "usage", "response.")
                : null);
    }

    private static string? Session(JsonElement root)
    {
        if (ObjectOrNull(root, "session", "") is { } error)
        {
            return error;
        }

        if (!root.TryGetProperty("session", out var session) || session.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Strings(session, "session.", SessionStrings)
            ?? StringArray(session, "modalities", "session.")
            ?? Number(session, "temperature", "session.")
            ?? ObjectOrNull(session, "input_audio_transcription", "session.")
            ?? (session.TryGetProperty("input_audio_transcription", out var transcription) && transcription.ValueKind == JsonValueKind.Object
                ? Strings(transcription, "session.input_audio_transcription.", ["model"])
                : null)
            ?? ObjectArray(session, "tools", "session.", tool => Strings(tool, "session.tools[].", ToolStrings));
    }

    private static string? Item(JsonElement root)
    {
        if (ObjectOrNull(root, "item", "") is { } error)
        {
            return error;
        }

        if (!root.TryGetProperty("item", out var item) || item.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Strings(item, "item.", ItemStrings)
            ?? ObjectArray(item, "content", "item.", part => Strings(part, "item.content[].", ContentStrings));
    }

    private static string? Strings(JsonElement obj, string path, string[] names)
    {
        foreach (string name in names)
        {
            if (obj.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return $"{path}{name} is a JSON {Kind(value)}, where new-api's type has a string";
            }
        }

        return null;
    }

    private static string? Number(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null)
            ? $"{path}{name} is a JSON {Kind(value)}, where new-api's type has a number"
            : null;

    private static string? ObjectOrNull(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null)
            ? $"{path}{name} is a JSON {Kind(value)}, where new-api's type has an object"
            : null;

    private static string? StringArray(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            ? $"{path}{name} is not an array of strings, which new-api's type has"
            : null;
    }

    private static string? ObjectArray(JsonElement obj, string name, string path, Func<JsonElement, string?> checkEach)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return $"{path}{name} is a JSON {Kind(value)}, where new-api's type has an array";
        }

        foreach (var each in value.EnumerateArray())
        {
            if (each.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (each.ValueKind != JsonValueKind.Object)
            {
                return $"{path}{name}[] is a JSON {Kind(each)}, where new-api's type has an object";
            }

            if (checkEach(each) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
