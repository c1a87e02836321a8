using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors;

/// <summary>
/// A decorator that logs rerank calls: start, end, result count, cancellation and failure at Debug and Error; the query,
/// the documents and the results only at Trace (they are user content).
/// </summary>
/// <remarks>It is thread-safe for concurrent use as long as the <see cref="ILogger"/> is.</remarks>
public partial class LoggingRerankClient : DelegatingRerankClient
{
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="LoggingRerankClient"/> class.</summary>
    /// <param name="innerClient">The client calls are passed to.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> or <paramref name="logger"/> is <see langword="null"/>.</exception>
    public LoggingRerankClient(IRerankClient innerClient, ILogger logger)
        : base(innerClient)
    {
        _logger = Throw.IfNull(logger);
    }

    /// <inheritdoc />
    public override async Task<RerankResponse> RerankAsync(
        string query, IEnumerable<string> documents, RerankOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            // Enumerated once, here, and passed on: a lazy sequence must not be enumerated twice.
            IReadOnlyList<string> list = documents as IReadOnlyList<string> ?? [.. Throw.IfNull(documents)];
            documents = list;
            LogInvokedSensitive(
                JsonSerializer.Serialize(query, RerankJsonContext.Default.String),
                JsonSerializer.Serialize(list, RerankJsonContext.Default.IReadOnlyListString),
                options?.ModelId,
                options?.TopN,
                options?.ReturnDocuments);
        }
        else if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogInvoked(options?.ModelId, options?.TopN);
        }

        try
        {
            RerankResponse response = await base.RerankAsync(query, documents, options, cancellationToken).ConfigureAwait(false);
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                LogCompletedSensitive(response.Results.Count, JsonSerializer.Serialize(response.Results, RerankJsonContext.Default.IListRerankResult));
            }
            else if (_logger.IsEnabled(LogLevel.Debug))
            {
                LogCompleted(response.Results.Count);
            }

            return response;
        }
        catch (OperationCanceledException)
        {
            LogInvocationCanceled();
            throw;
        }
        catch (Exception ex)
        {
            LogInvocationFailed(ex);
            throw;
        }
    }

    [LoggerMessage(LogLevel.Debug, "RerankAsync invoked. Model: {ModelId}. TopN: {TopN}.")]
    private partial void LogInvoked(string? modelId, int? topN);

    [LoggerMessage(LogLevel.Trace, "RerankAsync invoked: query {Query}, documents {Documents}. Model: {ModelId}. TopN: {TopN}. ReturnDocuments: {ReturnDocuments}.")]
    private partial void LogInvokedSensitive(string query, string documents, string? modelId, int? topN, bool? returnDocuments);

    [LoggerMessage(LogLevel.Debug, "RerankAsync returned {ResultCount} result(s).")]
    private partial void LogCompleted(int resultCount);

    [LoggerMessage(LogLevel.Trace, "RerankAsync returned {ResultCount} result(s): {Results}.")]
    private partial void LogCompletedSensitive(int resultCount, string results);

    [LoggerMessage(LogLevel.Debug, "RerankAsync canceled.")]
    private partial void LogInvocationCanceled();

    [LoggerMessage(LogLevel.Error, "RerankAsync failed.")]
    private partial void LogInvocationFailed(Exception error);
}
