using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Recording;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// <c>POST /v1/images/generations</c> (JSON) and <c>POST /v1/images/edits</c> (multipart or JSON), in the real
/// gateway's layers (docs/protocols/images.md): new-api's distributor (a channel for the model), its own checks (HTTP
/// 500 <c>invalid_request</c>), OpenAI's (HTTP 400), then real PNGs painted from the prompt (and an edit's first
/// image and mask, <see cref="ImagePainter"/>), answered as base64 or, in dall-e's url mode, as URLs served by
/// <see cref="ImageFilesEndpoint"/>.
/// </summary>
internal sealed class ImagesEndpoint(EmulatorSettings settings, ImageStore store)
{
    /// <summary>The model new-api's distributor picks a channel for when a generation names none (middleware/distributor.go).</summary>
    private const string GenerationModelWhenAbsent = "dall-e";

    /// <summary>The distributor's message when an edit names no model (new-api i18n <c>distributor.model_name_required</c>).</summary>
    private const string ModelNameRequired = "Model name not specified, model name cannot be empty";

    /// <summary>
    /// Go's message for the first byte of an SSE body read as JSON: what new-api answers when OpenAI streams the images
    /// of a <c>stream: true</c> request it relayed as not streamed (relay-openai.go <c>OpenaiHandlerWithUsage</c>).
    /// </summary>
    private const string StreamedBodyError = "invalid character 'e' looking for beginning of value";

    public async Task GenerationsAsync(HttpContext context)
    {
        if (await GatewayIntake.AcceptAsync(context, settings, ImagesGatewayRules.CheckJson, GenerationModelWhenAbsent).ConfigureAwait(false) is { } root)
        {
            await AnswerAsync(context, ImageForm.FromJson(root), edit: false).ConfigureAwait(false);
        }
    }

    public async Task EditsAsync(HttpContext context)
    {
        if (await AcceptEditAsync(context).ConfigureAwait(false) is { } form)
        {
            await AnswerAsync(context, form, edit: true).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The distributor reads an edit's model from the form (or the JSON body) and, finding none, answers 400 in the
    /// middleware shape; a form it cannot parse has no model either. A JSON body then goes through new-api's JSON checks.
    /// </summary>
    private async Task<ImageForm?> AcceptEditAsync(HttpContext context)
    {
        var exchange = EmulatorExchange.Of(context);
        if (!MultipartBody.IsMultipart(context.Request.ContentType))
        {
            if (RequestJson.TryParse(exchange.Body, static _ => { }, out _, out _) && string.IsNullOrEmpty(ModelDistributor.PeekModel(exchange.Body)))
            {
                await RefuseWithoutModelAsync(context).ConfigureAwait(false);
                return null;
            }

            return await GatewayIntake.AcceptAsync(context, settings, ImagesGatewayRules.CheckJson).ConfigureAwait(false) is { } root
                ? ImageForm.FromJson(root)
                : null;
        }

        ImageForm form;
        try
        {
            form = ImageForm.FromMultipart(MultipartBody.Parse(context.Request.ContentType, exchange.Body));
        }
        catch (FormatException)
        {
            await RefuseWithoutModelAsync(context).ConfigureAwait(false);
            return null;
        }

        if (string.IsNullOrEmpty(form["model"]))
        {
            await RefuseWithoutModelAsync(context).ConfigureAwait(false);
            return null;
        }

        return await ModelDistributor.TryRejectAsync(context, settings, form["model"]).ConfigureAwait(false) ? null : form;
    }

    private async Task AnswerAsync(HttpContext context, ImageForm form, bool edit)
    {
        if (ImagesRequestValidator.FindError(form, edit) is { } error)
        {
            await error.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var exchange = EmulatorExchange.Of(context);
        var call = ImagesRequestReader.Read(form);
        if (call.Stream && call.Family == ImageModelFamily.GptImage)
        {
            // new-api relays the request as not streamed but OpenAI streams gpt-image answers: new-api fails to read
            // the SSE body as JSON (docs/protocols/images.md#through-the-gateway). dall-e models do not stream.
            byte[] body = GatewayErrorBodies.OpenAI(StreamedBodyError, "bad_response_body", "bad_response_body", exchange.RequestId);
            await GatewayResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, body).ConfigureAwait(false);
            return;
        }

        var source = ImageEditSource.Of(call.Images, call.Mask);
        var pictures = new byte[call.Count][];
        for (int i = 0; i < pictures.Length; i++)
        {
            pictures[i] = ImagePainter.PaintPng(call.Prompt, i, call.Size.Width, call.Size.Height, call.Transparent, source);
        }

        var urls = call.AsUrl ? pictures.Select(png => ImageFilesEndpoint.UrlOf(context.Request, store.Add(png))).ToList() : null;
        await ResponseBodyWriter.WriteJsonAsync(context, ImagesResponseWriter.Write(call, pictures, urls), exchange.Fault).ConfigureAwait(false);
    }

    private static Task RefuseWithoutModelAsync(HttpContext context) => GatewayResponses.WriteAsync(
        context,
        StatusCodes.Status400BadRequest,
        GatewayErrorBodies.Middleware(ModelNameRequired, "", EmulatorExchange.Of(context).RequestId));
}
