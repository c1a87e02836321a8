using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.TextToImage;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Semantic Kernel's <see cref="ITextToImageService"/> over an M.E.AI <see cref="IImageGenerator"/> (SK 1.82 has no such
/// adapter): the input's text is the prompt, the settings become <see cref="ImageGenerationOptions"/>
/// (<see cref="TextToImageSettings"/>), and each generated image is one <see cref="ImageContent"/>: its bytes and media
/// type, or its URL. The image's <c>AdditionalProperties</c> (a revised prompt, the request id) become its metadata and
/// the whole <see cref="ImageGenerationResponse"/> its inner content.
/// </summary>
internal sealed class NexLLMTextToImageService : ITextToImageService
{
    private readonly IImageGenerator _generator;
    private readonly string _model;

    public NexLLMTextToImageService(IImageGenerator generator, string model, Uri endpoint)
    {
        _generator = generator;
        _model = model;
        Attributes = ServiceAttributes.Of(model, endpoint);
    }

    public IReadOnlyDictionary<string, object?> Attributes { get; }

    public async Task<IReadOnlyList<ImageContent>> GetImageContentsAsync(
        TextContent input, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            throw new ArgumentException("The input has no text to draw.", nameof(input));
        }

        ImageGenerationOptions? options = TextToImageSettings.ToImageOptions(executionSettings);
        ImageGenerationResponse response = await _generator.GenerateAsync(new ImageGenerationRequest(input.Text), options, cancellationToken).ConfigureAwait(false);
        string model = options?.ModelId ?? _model;
        return [.. response.Contents.Select(content => ToImageContent(content, model, response))];
    }

    private static ImageContent ToImageContent(AIContent content, string model, ImageGenerationResponse response)
    {
        ImageContent image = content switch
        {
            DataContent data => new ImageContent(data.Data, data.MediaType),
            UriContent uri => new ImageContent(uri.Uri) { MimeType = uri.MediaType },
            _ => throw new InvalidOperationException($"The image generator answered a {content.GetType().Name}, which is not an image."),
        };
        image.ModelId = model;
        image.InnerContent = response;
        image.Metadata = content.AdditionalProperties;
        return image;
    }
}
