using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.AudioToText;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Semantic Kernel's <see cref="IAudioToTextService"/> over an M.E.AI <see cref="ISpeechToTextClient"/>: the audio
/// content's bytes are uploaded with its media type, the settings become <see cref="SpeechToTextOptions"/>
/// (<see cref="AudioToTextSettings"/>), and the transcript is one <see cref="TextContent"/> whose metadata holds the
/// response's <c>AdditionalProperties</c> (the request id, the language heard) and whose inner content is the whole
/// <see cref="SpeechToTextResponse"/> (its timed segments and words included).
/// </summary>
internal sealed class NexLLMAudioToTextService : IAudioToTextService
{
    private readonly ISpeechToTextClient _client;
    private readonly string _model;

    public NexLLMAudioToTextService(ISpeechToTextClient client, string model, Uri endpoint)
    {
        _client = client;
        _model = model;
        Attributes = ServiceAttributes.Of(model, endpoint);
    }

    public IReadOnlyDictionary<string, object?> Attributes { get; }

    public async Task<IReadOnlyList<TextContent>> GetTextContentsAsync(
        AudioContent content, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Data is not { IsEmpty: false } data)
        {
            throw new ArgumentException("The audio content has no bytes: NexLLM uploads the audio itself, not a URL.", nameof(content));
        }

        SpeechToTextOptions options = AudioToTextSettings.ToSpeechToTextOptions(executionSettings, content.MimeType);
        using MemoryStream audio = MemoryMarshal.TryGetArray(data, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);
        SpeechToTextResponse response = await _client.GetTextAsync(audio, options, cancellationToken).ConfigureAwait(false);
        return
        [
            new TextContent(response.Text, response.ModelId ?? options.ModelId ?? _model)
            {
                InnerContent = response,
                Metadata = response.AdditionalProperties,
            },
        ];
    }
}
