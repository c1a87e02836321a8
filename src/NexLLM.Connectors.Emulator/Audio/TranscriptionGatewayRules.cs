namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// new-api's own checks of a transcription or translation form (HTTP 500 <c>invalid_request</c>,
/// docs/protocols/audio.md#transcriptions-and-translations): it turns the form's values into a JSON object (a field sent
/// once is a string, a repeated one an array) and unmarshals that into <c>dto.AudioRequest</c>, whose string fields
/// refuse an array and whose <c>speed</c> (a float64) refuses any form value; Go reports the first failure in key order.
/// Then a <c>model</c> is required (relay/helper/valid_request.go), although the distributor picked a channel for
/// <c>whisper-1</c>.
/// </summary>
internal static class TranscriptionGatewayRules
{
    /// <summary>The string fields of <c>dto.AudioRequest</c>, in the sorted order Go marshals a map in.</summary>
    private static readonly string[] StringFields = ["input", "instructions", "model", "response_format", "stream_format", "voice"];

    public static string? FindError(TranscriptionForm form)
    {
        foreach (string field in StringFields.Append("speed").Order(StringComparer.Ordinal))
        {
            if (field == "speed" && form.Count("speed") > 0)
            {
                return $"json: cannot unmarshal {(form.Count("speed") > 1 ? "array" : "string")} into Go struct field AudioRequest.speed of type float64";
            }

            if (field != "speed" && form.Count(field) > 1)
            {
                return $"json: cannot unmarshal array into Go struct field AudioRequest.{field} of type string";
            }
        }

        return string.IsNullOrEmpty(form["model"]) ? "model is required" : null;
    }
}
