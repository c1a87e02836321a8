using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// An <see cref="ITextToSpeechClient"/> over the gateway's <c>POST /v1/audio/speech</c> (docs/protocols/audio.md#speech):
/// text in, the audio file out. <see cref="GetAudioAsync"/> reads the whole file (retried like every call until it is read);
/// <see cref="GetStreamingAudioAsync"/> hands the audio out as it arrives, as the file's bytes or, with
/// <see cref="NexLLMSpeechStreamFormat.Sse"/>, as base64 events that end with the usage.
/// </summary>
internal sealed class OpenAITextToSpeechClient : ITextToSpeechClient
{
    private const string Protocol = "speech";
    private const string Operation = "speech";

    /// <summary>
    /// What the client accepts: any audio. Error bodies are JSON whatever is asked for, and a server that cannot honour
    /// <c>Accept</c> sends the audio anyway.
    /// </summary>
    private const string AcceptAudio = "audio/*";

    private readonly NexLLMClient _owner;
    private readonly NexLLMTransport _transport;
    private readonly string _model;
    private readonly Uri _speechUri;
    private readonly TextToSpeechClientMetadata _metadata;

    public OpenAITextToSpeechClient(NexLLMClient owner, NexLLMTransport transport, string model)
    {
        _owner = owner;
        _transport = transport;
        _model = model;
        _speechUri = new Uri(transport.Endpoint, "audio/speech");
        _metadata = new TextToSpeechClientMetadata("nexllm", transport.Endpoint, model);
    }

    public async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        (TransportRequest request, string model, string? format) = BuildRequest(text, options, streamFormat: null);
        using TransportResponse response = await _transport.SendAsync(request, Operation, cancellationToken).ConfigureAwait(false);
        return SpeechResponseReader.Read(response, format, model, _transport, Operation);
    }

    public IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(
        string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        bool sse = AudioOptionKeys.Get<NexLLMSpeechStreamFormat>(options?.AdditionalProperties, AudioOptionKeys.StreamFormat) == NexLLMSpeechStreamFormat.Sse;

        // Built before the first MoveNextAsync, so that bad input fails at the call, as it does for GetAudioAsync.
        (TransportRequest request, string model, string? format) = BuildRequest(text, options, sse ? "sse" : null);
        return sse ? StreamEventsAsync(request, model, format, cancellationToken) : StreamBodyAsync(request, model, format, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, _metadata, _owner, this);

    public void Dispose()
    {
        // The NexLLMClient owns the transport.
    }

    private async IAsyncEnumerable<TextToSpeechResponseUpdate> StreamBodyAsync(
        TransportRequest request, string model, string? format, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ResponseBodyStream body = await _transport.OpenBodyAsync(request, Operation, cancellationToken).ConfigureAwait(false);
        await foreach (TextToSpeechResponseUpdate update in SpeechBodyStreamer.StreamAsync(body, format, model, Operation, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private async IAsyncEnumerable<TextToSpeechResponseUpdate> StreamEventsAsync(
        TransportRequest request, string model, string? format, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SseStream<JsonEvent<SpeechStreamEvent>> stream = await _transport
            .OpenStreamAsync(request, Operation, SpeechEventStreamer.Parse, JsonEvent<SpeechStreamEvent>.ErrorOf, SpeechEventStreamer.IsPrelude, cancellationToken)
            .ConfigureAwait(false);
        await foreach (TextToSpeechResponseUpdate update in SpeechEventStreamer.StreamAsync(stream, format, model, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private (TransportRequest Request, string Model, string? Format) BuildRequest(string text, TextToSpeechOptions? options, string? streamFormat)
    {
        string model = options?.ModelId is { } modelId ? Throw.IfNotIdentifier(modelId, "options.ModelId") : _model;
        SpeechRequest mapped = SpeechRequestMapper.Map(text, options, model, streamFormat, option => _transport.LogIgnoredOption(Protocol, option));
        object? raw = options?.RawRepresentationFactory?.Invoke(this);
        byte[] body = RequestBody.Serialize(
            mapped, SpeechJsonContext.Default.SpeechRequest, options?.AdditionalProperties, raw, _transport, Protocol, nameof(TextToSpeechOptions));

        // An SSE stream asks for events (the transport's own Accept for streams); audio asks for audio.
        TransportRequest request = new()
        {
            Method = HttpMethod.Post,
            Uri = _speechUri,
            JsonBody = body,
            Auth = AuthScheme.Bearer,
            Accept = streamFormat is null ? AcceptAudio : null,
        };
        return (request, model, mapped.ResponseFormat);
    }
}
