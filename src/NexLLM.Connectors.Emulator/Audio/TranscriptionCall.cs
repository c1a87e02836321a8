using NexLLM.Connectors.Emulator.Recording;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>A transcription or translation request that passed every check.</summary>
/// <param name="Translation">Whether it came to <c>/v1/audio/translations</c>.</param>
/// <param name="Model">The model.</param>
/// <param name="ResponseFormat">The answer's format (<c>json</c> when none was sent).</param>
/// <param name="Words">Whether word timestamps were asked for.</param>
/// <param name="Segments">Whether segments go into a <c>verbose_json</c> answer (asked for, or no granularity named).</param>
/// <param name="Logprobs">Whether <c>include[]=logprobs</c> was sent.</param>
/// <param name="Stream">Whether the answer is an event stream (<c>stream=true</c> on a GPT transcribe model).</param>
/// <param name="Temperature">The temperature (0 when none was sent).</param>
/// <param name="Language">The <c>language</c> field, or <see langword="null"/>.</param>
/// <param name="Prompt">The <c>prompt</c> field, or an empty string.</param>
/// <param name="File">The uploaded file.</param>
internal sealed record TranscriptionCall(
    bool Translation,
    string Model,
    string ResponseFormat,
    bool Words,
    bool Segments,
    bool Logprobs,
    bool Stream,
    double Temperature,
    string? Language,
    string Prompt,
    FormPart File)
{
    /// <summary>Gets whether the model is a GPT transcribe model (token usage) rather than Whisper (duration usage).</summary>
    public bool IsGptTranscribe => IsGptTranscribeModel(Model);

    public static bool IsGptTranscribeModel(string model) => model.Contains("transcribe", StringComparison.Ordinal);
}
