using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexLLM.Connectors;
using NexLLM.Connectors.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the application's <see cref="NexLLMClient"/>: its options (from a delegate or configuration, validated at
/// start-up) and the named <see cref="HttpClient"/> it sends with, built by <see cref="IHttpClientFactory"/>.
/// </summary>
/// <remarks>
/// The client is a singleton; <c>AddNexLLMChatClient</c>, <c>AddNexLLMEmbeddingGenerator</c>, <c>AddNexLLMRerankClient</c>
/// and the Semantic Kernel registrations all use it, so they share one connection pool. The named client
/// (<see cref="HttpClientName"/>) is set up as the transport needs it: a <see cref="SocketsHttpHandler"/> that never follows
/// redirects, with decompression, <see cref="NexLLMClientOptions.ConnectTimeout"/> and a 5-minute pooled connection
/// lifetime; <see cref="HttpClient.Timeout"/> infinite (the options' timeouts apply); none of <see cref="IHttpClientFactory"/>'s
/// logging handlers (<c>RemoveAllLoggers</c>: their "Request Headers" entries carry every header's raw value in their structured
/// state, the API key included, whatever <c>RedactLoggedHeaders</c> says), the transport logging method, path, status and
/// duration under the category <c>NexLLM.Connectors.Transport</c> instead. Resilience handlers that a host adds to every client
/// (<c>ConfigureHttpClientDefaults(b =&gt; b.AddStandardResilienceHandler())</c>) are removed from this one: the transport
/// already retries what is safe to retry, and the standard handler's 10-second attempt and 30-second total timeouts
/// would cut off long answers and streams. A handler added to the returned builder itself is kept.
/// </remarks>
public static class NexLLMClientServiceCollectionExtensions
{
    /// <summary>The configuration section read by default: <c>NexLLM</c>.</summary>
    public const string DefaultSectionName = "NexLLM";

    /// <summary>The name of the <see cref="HttpClient"/> the registered <see cref="NexLLMClient"/> sends with.</summary>
    public const string HttpClientName = "NexLLM.Connectors";

    /// <summary>Registers a <see cref="NexLLMClient"/> configured by a delegate.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options, for example <c>o =&gt; o.ApiKey = key</c>.</param>
    /// <returns>
    /// The builder of the named <see cref="HttpClient"/>, to add handlers (a proxy, a logging or test handler). The options
    /// are checked when the host starts (<c>ValidateOnStart</c>), or else when the client is first resolved: an invalid
    /// setting fails with an <see cref="OptionsValidationException"/> that names each setting and never shows the key.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddNexLLMClient(this IServiceCollection services, Action<NexLLMClientOptions> configure)
    {
        Throw.IfNull(services);
        Throw.IfNull(configure);
        services.AddOptions<NexLLMClientOptions>().Configure(configure);
        return AddCore(services, settingPrefix: null);
    }

    /// <summary>Registers a <see cref="NexLLMClient"/> whose options are read from a configuration section.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration that holds the section (usually the application's root configuration).</param>
    /// <param name="sectionName">The section's name or path (default <c>NexLLM</c>).</param>
    /// <returns>The builder of the named <see cref="HttpClient"/>.</returns>
    /// <remarks>
    /// <para>
    /// Keys: <c>Endpoint</c>, <c>GeminiEndpoint</c>, <c>ApiKey</c>, <c>MaxRetries</c>, <c>ConnectTimeout</c>,
    /// <c>ResponseTimeout</c>, <c>StreamIdleTimeout</c> (<c>hh:mm:ss</c>, or <c>Infinite</c>), <c>MaxResponseBytes</c>,
    /// <c>MaxStreamEventBytes</c>, <c>AllowIncompleteStreams</c>, <c>AllowInsecureHttp</c> and <c>DefaultHeaders</c> (a
    /// section of header names and values). Other keys are left alone, so the section may hold the application's own
    /// settings too (a model name, say). An empty value counts as absent. Binding is written by hand: no reflection, so it
    /// is trimming- and NativeAOT-safe.
    /// </para>
    /// <para>
    /// <see cref="NexLLMClientOptions.LoggerFactory"/> and <see cref="NexLLMClientOptions.TimeProvider"/> come from the container
    /// (<see cref="ILoggerFactory"/>, <see cref="TimeProvider"/>) unless a delegate set them. A value that does not parse, or
    /// settings that fail validation, stop the host at start-up with an <see cref="OptionsValidationException"/>.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="sectionName"/> is empty.</exception>
    public static IHttpClientBuilder AddNexLLMClient(this IServiceCollection services, IConfiguration configuration, string sectionName = DefaultSectionName)
    {
        Throw.IfNull(services);
        Throw.IfNull(configuration);
        Throw.IfNullOrWhiteSpace(sectionName);
        IConfigurationSection section = configuration.GetSection(sectionName);
        services.AddOptions<NexLLMClientOptions>().Configure(options => NexLLMClientOptionsBinder.Bind(section, options));
        return AddCore(services, settingPrefix: section.Path + ":");
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string? settingPrefix)
    {
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<NexLLMClientOptions>>(new NexLLMClientOptionsValidator(settingPrefix)));
        services.AddOptions<NexLLMClientOptions>()
            .PostConfigure<IServiceProvider>(static (options, provider) => UseContainerServices(options, provider))
            .ValidateOnStart();
        services.TryAddSingleton(static provider => new NexLLMClient(
            provider.GetRequiredService<IOptions<NexLLMClientOptions>>().Value,
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        return NexLLMHttpClientSetup.AddNamedClient(services, HttpClientName);
    }

    /// <summary>The container's logger factory and clock, unless the options already name their own.</summary>
    private static void UseContainerServices(NexLLMClientOptions options, IServiceProvider provider)
    {
        options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
        if (ReferenceEquals(options.TimeProvider, TimeProvider.System) && provider.GetService<TimeProvider>() is { } clock)
        {
            options.TimeProvider = clock;
        }
    }
}
