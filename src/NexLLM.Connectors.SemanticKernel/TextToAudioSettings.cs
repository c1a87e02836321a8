using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using static Microsoft.SemanticKernel.ExtensionDataValues;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Maps <see cref="PromptExecutionSettings"/> to <see cref="TextToSpeechOptions"/> for <see cref="NexLLMTextToAudioService"/>,
/// under the names SK's own OpenAI text-to-audio settings serialize (<c>OpenAITextToAudioExecutionSettings</c>):
/// <c>ModelId</c>; <c>voice</c>; <c>response_format</c> (<c>mp3</c>, <c>opus</c>, <c>aac</c>, <c>flac</c>, <c>wav</c>,
/// <c>pcm</c>); <c>speed</c>; and <c>instructions</c> as the typed option. Every other key is sent as a top-level request field.
/// </summary>
internal static class TextToAudioSettings
{
    /// <exception cref="ArgumentException">A known key holds a value of the wrong type.</exception>
    public static TextToSpeechOptions? ToSpeechOptions(PromptExecutionSettings? settings)
    {
        if (settings is null)
        {
            return null;
        }

        var extras = new AdditionalPropertiesDictionary();
        foreach (KeyValuePair<string, object> extra in settings.ExtensionData ?? new Dictionary<string, object>())
        {
            extras[extra.Key] = extra.Value;
        }

        var options = new TextToSpeechOptions
        {
            ModelId = settings.ModelId,
            VoiceId = TakeText(extras, "voice"),
            AudioFormat = TakeText(extras, "response_format"),
            Speed = Take(extras, "speed", ToFloat),
        };

        if (TakeText(extras, "instructions") is { } instructions)
        {
            options.WithSpeechInstructions(instructions);
        }

        foreach (KeyValuePair<string, object?> extra in extras)
        {
            (options.AdditionalProperties ??= [])[extra.Key] = extra.Value;
        }

        return options;
    }
}
