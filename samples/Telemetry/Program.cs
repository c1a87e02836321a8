// Telemetry: a chat client with M.E.AI's UseOpenTelemetry() (gen_ai spans and metrics) over the connector's own
// NexLLM.Connectors source and meter (one span per HTTP attempt, retries, time to first event), both written to the
// console by the OpenTelemetry console exporter. What each name means: docs/telemetry.md.
// Without NEXLLM_API_KEY it runs offline against the local NexLLM emulator.
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.Samples;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

const string AppSource = "NexLLM.Samples.Telemetry";

// Disposed last: they flush what is left to the console when the sample ends.
using TracerProvider tracing = Sdk.CreateTracerProviderBuilder()
    .AddSource(AppSource)                           // M.E.AI's gen_ai "chat" spans (UseOpenTelemetry below)
    .AddSource(NexLLMTelemetry.ActivitySourceName)  // the connector's "POST /v1/chat/completions" attempt spans
    .AddConsoleExporter()
    .Build();
using MeterProvider metrics = Sdk.CreateMeterProviderBuilder()
    .AddMeter(AppSource)                            // gen_ai.client.operation.duration, gen_ai.client.token.usage
    .AddMeter(NexLLMTelemetry.MeterName)            // nexllm.client.attempt.duration, .attempts, .retries, .failures, .time_to_first_event
    .AddConsoleExporter()
    .Build();

await using SampleGateway gateway = await SampleGateway.StartAsync();
string model = SampleGateway.Model("NEXLLM_MODEL", "gpt-4o-mini");
IChatClient chat = gateway.Client.GetChatClient(model)
    .AsBuilder()
    .UseOpenTelemetry(sourceName: AppSource) // Prompts and answers stay out of the spans unless EnableSensitiveData is set.
    .Build();

// 1. One answer. Offline, the emulator first answers 503 once: the span of the call holds two attempt spans, the second
//    with http.request.resend_count = 1 and nexllm.retry_reason = HttpStatus, and nexllm.client.retries counts one.
gateway.Emulator?.Enqueue(EmulatorFault.OpenAIError(503, "Upstream overloaded.", "upstream_error", headers: new Dictionary<string, string> { ["retry-after-ms"] = "200" }));
Console.WriteLine($"\n> Asking {model}:");
ChatResponse response = await chat.GetResponseAsync("In one sentence: what does an LLM gateway do?");
Console.WriteLine(response.Text);

// 2. One streamed answer: its attempt span lasts until the stream ends, with a nexllm.first_event event, and
//    nexllm.client.time_to_first_event records when the first event arrived.
Console.WriteLine($"\n> Streaming from {model}:");
await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("Name three things a gateway logs."))
{
    Console.Write(update.Text);
}

// The spans were written as they ended; the metrics are written when the meter provider is disposed, as the sample ends.
Console.WriteLine("\n\n> Done: the metrics follow.");
