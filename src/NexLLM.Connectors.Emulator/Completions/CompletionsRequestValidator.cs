using System.Text.Json;
using NexLLM.Connectors.Emulator.ChatCompletions;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Completions;

/// <summary>
/// new-api's checks of a <c>POST /v1/completions</c> body (<c>GetAndValidateTextRequest</c> in completions mode, new-api
/// relay/helper/valid_request.go): the body unmarshals into <c>GeneralOpenAIRequest</c>, as on chat completions
/// (<see cref="ChatCompletionsRequestValidator.CheckGeneralRequest"/>), then a prompt is required (docs/protocols/completions.md#request).
/// Failures are <see cref="FormatException"/>s, answered with HTTP 500 <c>invalid_request</c>.
/// </summary>
internal static class CompletionsRequestValidator
{
    private static readonly GoJsonFields Go = new("GeneralOpenAIRequest");

    /// <summary>Throws new-api's message when the body is refused.</summary>
    /// <param name="root">The body.</param>
    /// <param name="throughNewApiStruct">Whether <c>logprobs</c> is held to the struct's boolean (<see cref="NexLLMEmulatorOptions.CompletionsThroughNewApiStruct"/>).</param>
    public static void CheckGatewayRules(JsonElement root, bool throughNewApiStruct)
    {
        if (throughNewApiStruct && root.ValueKind == JsonValueKind.Object)
        {
            Go.OptionalBool(root, "logprobs");
        }

        ChatCompletionsRequestValidator.CheckGeneralRequest(root);

        // new-api compares the prompt with "" only (it is an `any`); the emulator refuses every prompt it cannot read the same way
        // (missing, null, empty, an empty array, an array of anything but strings), a simplification documented in its README.
        if (!IsPrompt(JsonRead.Field(root, "prompt")))
        {
            throw new FormatException("field prompt is required");
        }
    }

    private static bool IsPrompt(JsonElement prompt) => prompt.ValueKind switch
    {
        JsonValueKind.String => prompt.GetString()!.Length > 0,
        JsonValueKind.Array => prompt.GetArrayLength() > 0 && prompt.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String),
        _ => false,
    };
}
