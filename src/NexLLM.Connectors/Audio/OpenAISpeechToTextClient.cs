using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// An <see cref="ISpeechToTextClient"/> over the gateway's OpenAI audio endpoints (docs/protocols/audio.md): a
/// transcription (<c>POST /v1/audio/transcriptions</c>) or, when English text is asked for from speech in another
/// language, a translation (<c>POST /v1/audio/translations</c>), each a multipart form whose audio is streamed from the
/// caller's <see cref="Stream"/>. The gpt-4o transcribe models stream their transcript; other models answer once.
/// </summary>
internal sealed class OpenAISpeechToTextClient : ISpeechToTextClient
{
    private const string Protocol = "audio";
    private const string TranscriptionOperation = "transcription";
    private const string TranslationOperation = "translation";

    private readonly NexLLMClient _owner;
    private readonly NexLLMTransport _transport;
    private readonly string _model;
    private readonly Uri _transcriptionsUri;
    private readonly Uri _translationsUri;
    private readonly SpeechToTextClientMetadata _metadata;

    public OpenAISpeechToTextClient(NexLLMClient owner, NexLLMTransport transport, string model)
    {
        _owner = owner;
        _transport = transport;
        _model = model;
        _transcriptionsUri = new Uri(transport.Endpoint, "audio/transcriptions");
        _translationsUri = new Uri(transport.Endpoint, "audio/translations");
        _metadata = new SpeechToTextClientMetadata("nexllm", transport.Endpoint, model);
    }

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(audioSpeechStream);
        Call call = await PrepareAsync(audioSpeechStream, options, streaming: false, cancellationToken).ConfigureAwait(false);
        using TransportResponse response = await _transport.SendAsync(call.Request, call.Operation, cancellationToken).ConfigureAwait(false);
        return TranscriptionReader.Read(response, call.Form.Format, call.Model, _transport, call.Operation);
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Throw.IfNull(audioSpeechStream);
        Call call = await PrepareAsync(audioSpeechStream, options, streaming: true, cancellationToken).ConfigureAwait(false);
        if (!call.Streams)
        {
            // whisper-1 and translations do not stream: one update from the whole answer.
            using TransportResponse response = await _transport.SendAsync(call.Request, call.Operation, cancellationToken).ConfigureAwait(false);
            SpeechToTextResponse whole = TranscriptionReader.Read(response, call.Form.Format, call.Model, _transport, call.Operation);

            // ToSpeechToTextResponseUpdates adds the usage as a UsageContent itself: adding one here counted it twice.
            foreach (SpeechToTextResponseUpdate update in whole.ToSpeechToTextResponseUpdates())
            {
                yield return update;
            }

            yield break;
        }

        SseStream<JsonEvent<TranscriptionStreamEvent>> stream = await _transport
            .OpenStreamAsync(call.Request, call.Operation, Parse, JsonEvent<TranscriptionStreamEvent>.ErrorOf, TranscriptionStreamMapper.IsPrelude, cancellationToken)
            .ConfigureAwait(false);
        await using var releaseConnection = stream.ConfigureAwait(false);
        var mapper = new TranscriptionStreamMapper(call.Model, stream.RequestId);
        while (!mapper.Done && await stream.MoveNextAsync().ConfigureAwait(false))
        {
            if (JsonEvent<TranscriptionStreamEvent>.ErrorOf(stream) is { } error)
            {
                throw error;
            }

            if (stream.Current.Value is { } item && mapper.Map(item) is { } update)
            {
                yield return update;
            }
        }

        stream.ThrowIfIncomplete(sawEnd: mapper.Done, complete: mapper.Done, "its transcript.text.done event");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, _metadata, _owner, this);

    public void Dispose()
    {
        // The NexLLMClient owns the transport.
    }

    /// <summary>Whether a model streams its transcript: only the gpt-4o transcribe models take <c>stream=true</c>.</summary>
    internal static bool StreamsTranscripts(string model) =>
        model.StartsWith("gpt-4o", StringComparison.OrdinalIgnoreCase) && model.Contains("transcribe", StringComparison.OrdinalIgnoreCase);

    private static JsonEvent<TranscriptionStreamEvent> Parse(ReadOnlySpan<byte> data) =>
        JsonEvent<TranscriptionStreamEvent>.Parse(
            data, TranscriptionJsonContext.Default.TranscriptionStreamEvent, static item => item.Error is not null || item.Type == "error", TranscriptionKeys.TextFields);

    private async Task<Call> PrepareAsync(Stream audio, SpeechToTextOptions? options, bool streaming, CancellationToken cancellationToken)
    {
        string model = options?.ModelId is { } modelId ? Throw.IfNotIdentifier(modelId, "options.ModelId") : _model;
        bool translation = TranslationRule.IsTranslation(options);
        bool streams = streaming && !translation && StreamsTranscripts(model);
        var form = TranscriptionForm.Build(
            model,
            options,
            translation,
            streams,
            RequestBody.ExtraFields(options?.AdditionalProperties, options?.RawRepresentationFactory?.Invoke(this), _transport, Protocol, nameof(SpeechToTextOptions)),
            option => _transport.LogIgnoredOption(Protocol, option));
        AudioUpload upload = await AudioUpload.PrepareAsync(audio, options, cancellationToken).ConfigureAwait(false);

        // 122 random bits: no audio will hold the boundary by chance.
        string boundary = "NexLLM-" + Guid.NewGuid().ToString("N");
        var request = new TransportRequest
        {
            Method = HttpMethod.Post,
            Uri = translation ? _translationsUri : _transcriptionsUri,
            Auth = AuthScheme.Bearer,
            Accept = streams || TranscriptionFormats.IsJson(form.Format) ? null : "text/plain",
            ContentFactory = () => new MultipartFormContent(boundary, form.Fields, [upload.CreatePart()]),
            NotReplayableBecause = upload.NotReplayableBecause,
        };
        return new Call(model, form, request, translation ? TranslationOperation : TranscriptionOperation, streams);
    }

    private sealed record Call(string Model, TranscriptionForm Form, TransportRequest Request, string Operation, bool Streams);
}
