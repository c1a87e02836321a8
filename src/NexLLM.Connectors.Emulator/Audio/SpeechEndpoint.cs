using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// <c>POST /v1/audio/speech</c> in the gateway's layers (docs/protocols/audio.md#speech): new-api's distributor (a channel
/// for the model, <c>tts-1</c> when the body names none), its own checks (HTTP 500 <c>invalid_request</c>,
/// <see cref="SpeechGatewayRules"/>), OpenAI's (HTTP 400, <see cref="SpeechRequestValidator"/>), then real audio whose
/// samples carry the input (<see cref="ToneCode"/>): written in chunks, or as <c>speech.audio.delta</c> events with
/// <c>stream_format: "sse"</c>.
/// </summary>
internal sealed class SpeechEndpoint(EmulatorSettings settings)
{
    /// <summary>The model new-api's distributor picks a channel for when the body names none (middleware/distributor.go).</summary>
    private const string ModelWhenAbsent = "tts-1";

    /// <summary>Output tokens the emulator counts per second of speech (about gpt-4o-mini-tts's rate: $12 per million tokens, $0.015 a minute).</summary>
    public const int OutputTokensPerSecond = 20;

    public async Task HandleAsync(HttpContext context)
    {
        if (await GatewayIntake.AcceptAsync(context, settings, SpeechGatewayRules.CheckJson, ModelWhenAbsent).ConfigureAwait(false) is not { } root)
        {
            return;
        }

        var call = SpeechCall.Read(root);
        if (SpeechRequestValidator.FindError(call) is { } error)
        {
            await error.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var layout = SpeechLayout.Of(call.Input, ToneCode.SymbolSamples(call.Speed ?? 1.0));
        var format = SpeechFormat.Find(call.ResponseFormat.Length == 0 ? "mp3" : call.ResponseFormat) ?? SpeechFormat.Mp3;
        byte[] audio = format.Encode(layout, ToneSynthesizer.Render(layout));

        // new-api's speech handler copies the upstream headers whether the answer streams or not (docs/protocols/gateway.md#response-headers).
        UpstreamHeaders.Copy(context);
        if (call.StreamFormat == "sse")
        {
            // The deltas carry the asked format's bytes in order; new-api re-emits only the data: lines (docs/protocols/audio.md#speech).
            var transcript = Events(call, layout, audio);
            await SseStreamPlayer.PlayAsync(context, transcript, EmulatorExchange.Of(context).Fault, settings, () => transcript).ConfigureAwait(false);
            return;
        }

        await AudioBodyWriter.WriteAsync(context, audio, format.ContentType, settings).ConfigureAwait(false);
    }

    /// <summary>The usage of a speech: the input's tokens in, <see cref="OutputTokensPerSecond"/> per second of audio out, rounded up.</summary>
    public static (int Input, int Output) Usage(string input, SpeechLayout layout) =>
        (TokenEstimator.Tokens(input), (int)Math.Ceiling(layout.Duration * OutputTokensPerSecond));

    private static SseTranscript Events(SpeechCall call, SpeechLayout layout, byte[] audio)
    {
        var events = AudioChunks.Split(audio)
            .Select(chunk => new SseEvent(null, JsonBuffer.ToText(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "speech.audio.delta");
                w.WriteBase64String("audio", chunk.Span);
                w.WriteEndObject();
            })))
            .ToList();
        var (input, output) = Usage(call.Input, layout);
        events.Add(new SseEvent(null, JsonBuffer.ToText(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "speech.audio.done");
            w.WriteStartObject("usage");
            w.WriteNumber("input_tokens", input);
            w.WriteNumber("output_tokens", output);
            w.WriteNumber("total_tokens", input + output);
            w.WriteEndObject();
            w.WriteEndObject();
        })));
        return new SseTranscript(events, FinishIndex: events.Count - 1, DoneData: null, ErrorEventName: null);
    }
}
