using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ReadmeSnippets;

/// <summary>docs/guides/telemetry.md, on the client of the README's "Use it" (in the tests, the emulator's).</summary>
internal static class TelemetrySnippets
{
    /// <summary>Both layers to the console exporter: M.E.AI's gen_ai spans and metrics, and the transport's.</summary>
    public static async Task TelemetryAsync(NexLLMClient nexllm)
    {
        // <snippet:telemetry>
        using TracerProvider tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("MyApp")                              // the gen_ai spans of UseOpenTelemetry(sourceName: "MyApp")
            .AddSource(NexLLMTelemetry.ActivitySourceName)   // "NexLLM.Connectors": one span per HTTP attempt
            .AddConsoleExporter()                            // or AddOtlpExporter() (package OpenTelemetry.Exporter.OpenTelemetryProtocol)
            .Build();
        using MeterProvider metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter("MyApp")                               // gen_ai.client.operation.duration, gen_ai.client.token.usage
            .AddMeter(NexLLMTelemetry.MeterName)             // "NexLLM.Connectors": attempts, retries, failures, durations
            .AddConsoleExporter()
            .Build();

        IChatClient chat = nexllm.GetChatClient("gpt-4o-mini")
            .AsBuilder()
            .UseOpenTelemetry(sourceName: "MyApp")           // prompts and answers stay out unless EnableSensitiveData is set
            .Build();
        ChatResponse response = await chat.GetResponseAsync("In one sentence: what does an LLM gateway do?");
        Console.WriteLine(response.Text);
        // </snippet:telemetry>
    }
}
