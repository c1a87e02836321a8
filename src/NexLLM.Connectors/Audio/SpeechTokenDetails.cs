namespace NexLLM.Connectors.Audio;

/// <summary>The audio and text parts of a speech usage count (<c>input_token_details</c>, <c>output_token_details</c>).</summary>
internal sealed class SpeechTokenDetails
{
    public long? AudioTokens { get; init; }

    public long? TextTokens { get; init; }
}
