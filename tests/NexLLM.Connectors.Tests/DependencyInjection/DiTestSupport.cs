using Microsoft.Extensions.DependencyInjection;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.DependencyInjection;

/// <summary>Containers built the way an application builds them, with the named client's primary handler swapped for a <see cref="VerbatimHandler"/> where a test sends.</summary>
internal static class DiTestSupport
{
    public const string ApiKey = "sk-di0test0key0123456789";

    public static readonly Uri Endpoint = new("https://gateway.test/v1");

    /// <summary>A chat completions answer as the gateway sends it.</summary>
    public const string ChatAnswer =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from DI."},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}""";

    /// <summary>Registers a client on the test endpoint whose requests reach <paramref name="handler"/> instead of a socket.</summary>
    public static IHttpClientBuilder AddTestClient(this IServiceCollection services, VerbatimHandler? handler = null, Action<NexLLMClientOptions>? configure = null)
    {
        IHttpClientBuilder builder = services.AddNexLLMClient(options =>
        {
            options.Endpoint = Endpoint;
            options.ApiKey = ApiKey;
            configure?.Invoke(options);
        });
        return handler is null ? builder : builder.ConfigurePrimaryHttpMessageHandler(() => handler);
    }

    /// <summary>The handlers a named client sends through, outermost first, ending with the primary handler.</summary>
    public static List<HttpMessageHandler> HandlerChain(this IServiceProvider provider, string name)
    {
        var chain = new List<HttpMessageHandler>();
        HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(name);
        while (handler is not null)
        {
            chain.Add(handler);
            handler = (handler as DelegatingHandler)?.InnerHandler;
        }

        return chain;
    }

    public static bool HasHandlerNamed(this List<HttpMessageHandler> chain, string typeName) =>
        chain.Any(handler => handler.GetType().Name == typeName);
}
