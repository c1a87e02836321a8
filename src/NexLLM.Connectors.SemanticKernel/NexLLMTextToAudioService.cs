using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.TextToAudio;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Semantic Kernel's <see cref="ITextToAudioService"/> over an M.E.AI <see cref="ITextToSpeechClient"/> (SK 1.82 has no such
/// adapter): the text is spoken with the settings mapped by <see cref="TextToAudioSettings"/>, and the file is one
/// <see cref="AudioContent"/> with its bytes and media type. The content's <c>AdditionalProperties</c> (PCM's format) and the
/// request id become its metadata; the whole <see cref="TextToSpeechResponse"/> is its inner content.
/// </summary>
internal sealed class NexLLMTextToAudioService : ITextToAudioService
{
    private readonly ITextToSpeechClient _client;
    private readonly string _model;

    public NexLLMTextToAudioService(ITextToSpeechClient client, string model, Uri endpoint)
    {
        _client = client;
        _model = model;
        Attributes = ServiceAttributes.Of(model, endpoint);
    }

    public IReadOnlyDictionary<string, object?> Attributes { get; }

    public async Task<IReadOnlyList<AudioContent>> GetAudioContentsAsync(
        string text, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        // The client checks the text (null, empty, over 4,096 characters) before sending anything.
        TextToSpeechOptions? options = TextToAudioSettings.ToSpeechOptions(executionSettings);
        TextToSpeechResponse response = await _client.GetAudioAsync(text, options, cancellationToken).ConfigureAwait(false);
        string model = response.ModelId ?? options?.ModelId ?? _model;
        return [.. response.Contents.OfType<DataContent>().Select(data => ToAudioContent(data, model, response))];
    }

    private static AudioContent ToAudioContent(DataContent data, string model, TextToSpeechResponse response)
    {
        var metadata = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> property in (IEnumerable<KeyValuePair<string, object?>>?)response.AdditionalProperties ?? [])
        {
            metadata[property.Key] = property.Value;
        }

        foreach (KeyValuePair<string, object?> property in (IEnumerable<KeyValuePair<string, object?>>?)data.AdditionalProperties ?? [])
        {
            metadata[property.Key] = property.Value;
        }

        return new AudioContent(data.Data, data.MediaType)
        {
            ModelId = model,
            InnerContent = response,
            Metadata = metadata,
        };
    }
}
