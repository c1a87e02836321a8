using System.Globalization;

namespace NexLLM.Connectors.Emulator.Embeddings;

/// <summary>
/// Strict mode's check of a requested vector length against the model's native size
/// (<see cref="EmulatorModel.EmbeddingDimensions"/>, docs/protocols/embeddings.md#native-sizes): the provider refuses to
/// lengthen a vector, so <c>dimensions</c> (OpenAI) or <c>outputDimensionality</c> (Google) above it is a 400. A Google
/// model's refusal travels back as Google's error relayed by new-api (numeric <c>code</c> 400, type
/// <c>upstream_error</c>), an OpenAI model's as OpenAI's <c>invalid_request_error</c>. The wording is the emulator's, in
/// each provider's style.
/// </summary>
internal static class EmbeddingDimensionLimit
{
    /// <summary>The refusal of <paramref name="requested"/> dimensions for <paramref name="model"/>, or <see langword="null"/> when it fits.</summary>
    /// <param name="requested">The requested length; <see langword="null"/> or 0 (Go's omitempty) asks for none.</param>
    /// <param name="model">The listed model, or <see langword="null"/> (an unlisted model is not sized, so not checked).</param>
    public static Refusal? Check(long? requested, EmulatorModel? model)
    {
        if (requested is not > 0 || model?.EmbeddingDimensions is not { } native || requested <= native)
        {
            return null;
        }

        return IsGoogle(model)
            ? new Refusal(string.Create(CultureInfo.InvariantCulture, $"Output dimensionality must be between 1 and {native}, got {requested}."), FromGoogle: true)
            : new Refusal(string.Create(CultureInfo.InvariantCulture, $"Invalid value for 'dimensions' = {requested}. Must be between 1 and {native} for {model.Id}."), FromGoogle: false);
    }

    /// <summary>A model a Gemini channel serves (new-api sends its embeddings to Google's batchEmbedContents).</summary>
    private static bool IsGoogle(EmulatorModel model) => model.SupportedEndpointTypes.Contains("gemini", StringComparer.Ordinal);

    /// <summary>A refusal: the message, and whether Google (rather than OpenAI) answered it.</summary>
    /// <param name="Message">The provider's message.</param>
    /// <param name="FromGoogle">Whether the error is Google's, relayed with a numeric code.</param>
    public sealed record Refusal(string Message, bool FromGoogle);
}
