using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Audio;
using NexLLM.Connectors.Emulator.Auth;
using NexLLM.Connectors.Emulator.ChatCompletions;
using NexLLM.Connectors.Emulator.Claude;
using NexLLM.Connectors.Emulator.Completions;
using NexLLM.Connectors.Emulator.Embeddings;
using NexLLM.Connectors.Emulator.Faults;
using NexLLM.Connectors.Emulator.Gemini;
using NexLLM.Connectors.Emulator.Images;
using NexLLM.Connectors.Emulator.Models;
using NexLLM.Connectors.Emulator.Realtime;
using NexLLM.Connectors.Emulator.Recording;
using NexLLM.Connectors.Emulator.Rerank;
using NexLLM.Connectors.Emulator.Responses;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Builds the Kestrel application. The pipeline follows new-api's order: request id and recording, unknown routes
/// (404 before auth), faults (before auth, like a limiter in front of the gateway), the key check, then the route.
/// </summary>
internal static class EmulatorApplication
{
    private const string LoggerCategory = "NexLLM.Connectors.Emulator";

    // The routes new-api relays to OpenAI and whose whole answers carry OpenAI's x-request-id (docs/protocols/gateway.md#response-headers).
    // Rerank is re-serialised by new-api (no upstream header), the model lists are its own, Google sends no request-id header.
    private static readonly EmulatorRoute OpenAIUpstream = new(HttpMethods.Post) { UpstreamRequestId = UpstreamHeaders.OpenAIRequestId };

    public static WebApplication Build(EmulatorState state, string? urls)
    {
        // The empty builder reads no appsettings, environment variables or command line, and watches no files:
        // nothing from the host process can change what the emulator binds to or how it behaves.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(NexLLMEmulator).Assembly.GetName().Name,
        });

        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = state.Settings.MaxRequestBodyBytes;
            if (urls is null)
            {
                kestrel.Listen(IPAddress.Loopback, state.Settings.Port);
            }
        });

        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        if (state.Settings.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);

        // WebSocket support for /v1/realtime; the key, model and fault checks still run before the upgrade.
        app.UseWebSockets();
        app.Use(next => new RequestRecordingMiddleware(next, state.Recorder, logger, app.Lifetime.ApplicationStopping).InvokeAsync);
        app.UseRouting();
        app.Use(next => new RouteGuardMiddleware(next).InvokeAsync);
        app.Use(next => new FaultInjectionMiddleware(next, state.Script, state.FaultTracker, logger).InvokeAsync);
        app.Use(next => new GatewayAuthMiddleware(next, state.Settings).InvokeAsync);

        // Every method is mapped; RouteGuardMiddleware answers a wrong one with new-api's 404.
        var chat = new ChatCompletionsEndpoint(state.Settings, state.Script, logger);
        var claude = new ClaudeMessagesEndpoint(state.Settings, state.Script, logger);
        var models = new ModelsEndpoint(state.Settings);
        app.Map("/v1/chat/completions", (RequestDelegate)chat.HandleAsync).WithMetadata(OpenAIUpstream);
        app.Map("/v1/messages", (RequestDelegate)claude.HandleAsync).WithMetadata(new EmulatorRoute(HttpMethods.Post) { UpstreamRequestId = UpstreamHeaders.AnthropicRequestId });
        app.Map("/v1/models", (RequestDelegate)models.ListAsync).WithMetadata(new EmulatorRoute(HttpMethods.Get));
        app.Map("/v1/models/{id}", (RequestDelegate)models.RetrieveAsync).WithMetadata(new EmulatorRoute(HttpMethods.Get));

        // Gemini native (docs/protocols/gateway.md#routes, docs/protocols/gemini.md). "{model}:{action}" is a complex segment, so it wins over "/v1/models/{id}";
        // a GET there is therefore new-api's 404 rather than a model lookup.
        var gemini = new GeminiEndpoint(state.Settings, state.Script, logger);
        app.Map("/v1beta/models", (RequestDelegate)models.GeminiListAsync).WithMetadata(new EmulatorRoute(HttpMethods.Get));
        app.Map("/v1beta/openai/models", (RequestDelegate)models.OpenAIListAsync).WithMetadata(new EmulatorRoute(HttpMethods.Get));
        app.Map("/v1beta/models/{model}:{action}", (RequestDelegate)gemini.HandleAsync).WithMetadata(new EmulatorRoute(HttpMethods.Post));
        app.Map("/v1/models/{model}:{action}", (RequestDelegate)gemini.HandleAsync).WithMetadata(new EmulatorRoute(HttpMethods.Post));

        // Embeddings and rerank (docs/protocols/embeddings.md, docs/protocols/rerank.md).
        var embeddings = new EmbeddingsEndpoint(state.Settings);
        var rerank = new RerankEndpoint(state.Settings);
        app.Map("/v1/embeddings", (RequestDelegate)embeddings.HandleAsync).WithMetadata(OpenAIUpstream);
        app.Map("/v1/rerank", (RequestDelegate)rerank.HandleAsync).WithMetadata(new EmulatorRoute(HttpMethods.Post));

        // The Responses API (docs/protocols/responses.md).
        var responses = new ResponsesEndpoint(state.Settings, state.Script, state.Responses, logger);
        app.Map("/v1/responses", (RequestDelegate)responses.HandleAsync).WithMetadata(OpenAIUpstream);

        // Legacy completions (docs/protocols/completions.md): the chat engine's replies as text choices.
        var completions = new CompletionsEndpoint(state.Settings, state.Script, logger);
        app.Map("/v1/completions", (RequestDelegate)completions.HandleAsync).WithMetadata(OpenAIUpstream);

        // Images (docs/protocols/images.md); the URLs of url mode are served outside the gateway, like OpenAI's storage.
        var imageStore = new ImageStore();
        var images = new ImagesEndpoint(state.Settings, imageStore);
        var imageFiles = new ImageFilesEndpoint(imageStore);
        app.Map("/v1/images/generations", (RequestDelegate)images.GenerationsAsync).WithMetadata(OpenAIUpstream);
        app.Map("/v1/images/edits", (RequestDelegate)images.EditsAsync).WithMetadata(OpenAIUpstream);
        app.Map(ImageFilesEndpoint.PathPrefix + "{file}", (RequestDelegate)imageFiles.HandleAsync)
            .WithMetadata(new EmulatorRoute(HttpMethods.Get, OutsideGateway: true));

        // Audio (docs/protocols/audio.md): speech whose samples carry its text, and transcriptions that read it back.
        var speech = new SpeechEndpoint(state.Settings);
        var transcriptions = new TranscriptionEndpoint(state.Settings);
        app.Map("/v1/audio/speech", (RequestDelegate)speech.HandleAsync).WithMetadata(OpenAIUpstream);
        app.Map("/v1/audio/transcriptions", (RequestDelegate)transcriptions.TranscriptionsAsync).WithMetadata(OpenAIUpstream);
        app.Map("/v1/audio/translations", (RequestDelegate)transcriptions.TranslationsAsync).WithMetadata(OpenAIUpstream);

        // Realtime over WebSocket (docs/protocols/realtime.md).
        var realtime = new RealtimeEndpoint(state.Settings, state.Script, logger);
        app.Map("/v1/realtime", (RequestDelegate)realtime.HandleAsync).WithMetadata(new EmulatorRoute(HttpMethods.Get));
        return app;
    }

    /// <summary>Reads the address Kestrel really bound (port 0 becomes a real port), made usable by a client.</summary>
    public static Uri GetBaseAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server reports no address.");
        string address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();

        // A wildcard binding ("http://+:5080", "http://0.0.0.0:5080", "http://[::]:5080") is reached through loopback.
        foreach (string wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
        {
            address = address.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        }

        return new Uri(address.TrimEnd('/') + "/");
    }
}
