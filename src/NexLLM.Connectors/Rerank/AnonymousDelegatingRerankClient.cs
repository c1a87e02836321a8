namespace NexLLM.Connectors;

/// <summary>A decorator written as one delegate (<see cref="RerankClientBuilder.Use(Func{string, IEnumerable{string}, RerankOptions?, IRerankClient, CancellationToken, Task{RerankResponse}})"/>).</summary>
internal sealed class AnonymousDelegatingRerankClient(
    IRerankClient innerClient,
    Func<string, IEnumerable<string>, RerankOptions?, IRerankClient, CancellationToken, Task<RerankResponse>> rerankFunc)
    : DelegatingRerankClient(innerClient)
{
    public override Task<RerankResponse> RerankAsync(
        string query, IEnumerable<string> documents, RerankOptions? options = null, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(query);
        Throw.IfNull(documents);
        return rerankFunc(query, documents, options, InnerClient, cancellationToken);
    }
}
