namespace NexLLM.Connectors;

/// <summary>The services of a <see cref="RerankClientBuilder"/> built without any: none at all.</summary>
internal sealed class EmptyServiceProvider : IServiceProvider
{
    public static EmptyServiceProvider Instance { get; } = new();

    public object? GetService(Type serviceType) => null;
}
