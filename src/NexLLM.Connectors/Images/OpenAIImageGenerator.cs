using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Images;

/// <summary>
/// An <see cref="IImageGenerator"/> over the gateway's OpenAI images endpoints (docs/protocols/images.md): a request
/// without original images is a generation (<c>POST /v1/images/generations</c>, JSON), one with original images an edit
/// (<c>POST /v1/images/edits</c>, multipart, every image uploaded from its own memory). Images are never streamed.
/// </summary>
internal sealed class OpenAIImageGenerator : IImageGenerator
{
    private const string Protocol = "images";
    private const string GenerateOperation = "image generation";
    private const string EditOperation = "image edit";

    private readonly NexLLMClient _owner;
    private readonly NexLLMTransport _transport;
    private readonly string _model;
    private readonly Uri _generationsUri;
    private readonly Uri _editsUri;
    private readonly ImageGeneratorMetadata _metadata;

    public OpenAIImageGenerator(NexLLMClient owner, NexLLMTransport transport, string model)
    {
        _owner = owner;
        _transport = transport;
        _model = model;
        _generationsUri = new Uri(transport.Endpoint, "images/generations");
        _editsUri = new Uri(transport.Endpoint, "images/edits");
        _metadata = new ImageGeneratorMetadata("nexllm", transport.Endpoint, model);
    }

    public async Task<ImageGenerationResponse> GenerateAsync(
        ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(request);
        string model = options?.ModelId is { } modelId ? Throw.IfNotIdentifier(modelId, "options.ModelId") : _model;
        IReadOnlyList<DataContent> images = ImageEditForm.Images(request.OriginalImages);
        bool edit = images.Count > 0;
        ImageRequest mapped = ImageRequestMapper.Map(request.Prompt, options, model, edit, option => _transport.LogIgnoredOption(Protocol, option));
        object? raw = options?.RawRepresentationFactory?.Invoke(this);

        TransportRequest send = edit
            ? EditRequest(mapped, images, ImageEditForm.Mask(options), options, raw)
            : TransportRequest.PostJson(
                _generationsUri,
                RequestBody.Serialize(mapped, ImagesJsonContext.Default.ImageRequest, options?.AdditionalProperties, raw, _transport, Protocol, nameof(ImageGenerationOptions)),
                AuthScheme.Bearer);
        string operation = edit ? EditOperation : GenerateOperation;
        using TransportResponse response = await _transport.SendAsync(send, operation, cancellationToken).ConfigureAwait(false);
        return ImageResponseReader.Read(response, options?.MediaType, _transport, operation);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, _metadata, _owner, this);

    public void Dispose()
    {
        // The NexLLMClient owns the transport.
    }

    private TransportRequest EditRequest(ImageRequest mapped, IReadOnlyList<DataContent> images, DataContent? mask, ImageGenerationOptions? options, object? raw)
    {
        List<KeyValuePair<string, string>> fields = ImageEditForm.Fields(
            mapped, RequestBody.ExtraFields(options?.AdditionalProperties, raw, _transport, Protocol, nameof(ImageGenerationOptions)));
        FormFile[] files = ImageEditForm.Files(images, mask);

        // 122 random bits: no image's bytes will hold the boundary by chance.
        string boundary = "NexLLM-" + Guid.NewGuid().ToString("N");
        return new TransportRequest
        {
            Method = HttpMethod.Post,
            Uri = _editsUri,
            Auth = AuthScheme.Bearer,
            ContentFactory = () => new MultipartFormContent(boundary, fields, files),
        };
    }
}
