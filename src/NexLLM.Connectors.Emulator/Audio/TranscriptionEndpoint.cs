using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Recording;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// <c>POST /v1/audio/transcriptions</c> and <c>POST /v1/audio/translations</c> in the gateway's layers
/// (docs/protocols/audio.md#transcriptions-and-translations): new-api's distributor (a channel for the form's model,
/// <c>whisper-1</c> when it names none), its own checks (HTTP 500: <see cref="TranscriptionGatewayRules"/>, then
/// <c>convert_request_failed</c> for a form without a file), OpenAI's (HTTP 400,
/// <see cref="TranscriptionRequestValidator"/>, and audio shorter than 0.1 s), then the transcript of the file
/// (<see cref="AudioFileReader"/>). The emulator does not translate: a translation answers the decoded text as it is.
/// </summary>
internal sealed class TranscriptionEndpoint(EmulatorSettings settings)
{
    /// <summary>The model new-api's distributor picks a channel for when the form names none (middleware/distributor.go).</summary>
    private const string ModelWhenAbsent = "whisper-1";

    /// <summary>OpenAI's shortest audio.</summary>
    public const double MinimumSeconds = 0.1;

    public Task TranscriptionsAsync(HttpContext context) => HandleAsync(context, translation: false);

    public Task TranslationsAsync(HttpContext context) => HandleAsync(context, translation: true);

    private async Task HandleAsync(HttpContext context, bool translation)
    {
        var exchange = EmulatorExchange.Of(context);
        string? contentType = context.Request.ContentType;
        TranscriptionForm? form = null;
        string? formError = null;
        if (MultipartBody.IsMultipart(contentType))
        {
            try
            {
                form = TranscriptionForm.From(MultipartBody.ParseParts(contentType, exchange.Body));
            }
            catch (FormatException ex)
            {
                formError = ex.Message;
            }
        }

        // The distributor reads the model from the form and ignores a form it cannot read (or a repeated model).
        string? model = form?.Count("model") == 1 ? form["model"] : null;
        if (await ModelDistributor.TryRejectAsync(context, settings, string.IsNullOrEmpty(model) ? ModelWhenAbsent : model).ConfigureAwait(false))
        {
            return;
        }

        if (form is null)
        {
            await RefuseWithoutFormAsync(context, formError).ConfigureAwait(false);
            return;
        }

        if (TranscriptionGatewayRules.FindError(form) is { } gatewayError)
        {
            await GatewayResponses.WriteInvalidRequestAsync(context, gatewayError).ConfigureAwait(false);
            return;
        }

        if (form.File is null)
        {
            // relay/channel/openai/adaptor.go ConvertAudioRequest: only a part named "file" with a file name is a file.
            await WriteConvertFailedAsync(context, "file is required").ConfigureAwait(false);
            return;
        }

        if (TranscriptionRequestValidator.TryRead(form, translation, out var call) is { } openAIError)
        {
            await openAIError.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var transcript = AudioFileReader.Read(call!.File.Content);
        if (transcript.Duration < MinimumSeconds)
        {
            await OpenAIUpstreamError.Invalid("Audio file is too short. Minimum audio length is 0.1 seconds.", "file", "audio_too_short").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var (body, answerType) = TranscriptionResponseWriter.Write(call, transcript);
        await ResponseBodyWriter.WriteAsync(context, body, answerType, exchange.Fault).ConfigureAwait(false);
    }

    /// <summary>
    /// A body that is not a readable form: a broken form fails new-api's parse (500 <c>invalid_request</c>); any other body
    /// gives no model unless it is JSON naming one, and then fails when new-api rebuilds the form for OpenAI.
    /// </summary>
    private static Task RefuseWithoutFormAsync(HttpContext context, string? formError)
    {
        if (formError is not null)
        {
            return GatewayResponses.WriteInvalidRequestAsync(context, formError);
        }

        bool json = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        return json && !string.IsNullOrEmpty(ModelDistributor.PeekModel(EmulatorExchange.Of(context).Body))
            ? WriteConvertFailedAsync(context, "error parsing multipart form: multipart boundary not found")
            : GatewayResponses.WriteInvalidRequestAsync(context, "model is required");
    }

    private static Task WriteConvertFailedAsync(HttpContext context, string message) => GatewayResponses.WriteAsync(
        context,
        StatusCodes.Status500InternalServerError,
        GatewayErrorBodies.OpenAI(message, "new_api_error", "convert_request_failed", EmulatorExchange.Of(context).RequestId));
}
