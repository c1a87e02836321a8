using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// new-api's own checks of a speech request (docs/protocols/audio.md#through-the-gateway): the body unmarshals into
/// <c>dto.AudioRequest</c>, whose <c>voice</c> is a Go string (so a custom voice object <c>{"id": …}</c> fails there,
/// before OpenAI sees it) and <c>speed</c> a float64; then a <c>model</c> is required
/// (relay/helper/valid_request.go <c>GetAndValidAudioRequest</c>), even though the distributor picked a channel for
/// <c>tts-1</c>. Failures are HTTP 500 <c>invalid_request</c>.
/// </summary>
internal static class SpeechGatewayRules
{
    private static readonly GoJsonFields Go = new("AudioRequest");

    /// <summary>For <see cref="RequestJson"/>: throws new-api's message when the body is refused.</summary>
    public static void CheckJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Go.NotAnObject(root.ValueKind);
        }

        string model = Go.OptionalString(root, "model") ?? "";
        Go.OptionalString(root, "input");
        Go.OptionalString(root, "voice");
        Go.OptionalString(root, "instructions");
        Go.OptionalString(root, "response_format");
        Go.CheckKind(root, "speed", "float64", null, JsonValueKind.Number);
        Go.OptionalString(root, "stream_format");
        if (model.Length == 0)
        {
            throw new FormatException("model is required");
        }
    }
}
