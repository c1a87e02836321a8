using System.Runtime.ExceptionServices;

namespace NexLLM.Connectors.Embeddings;

/// <summary>
/// Splits a call with many inputs into requests of at most <c>batchSize</c> inputs, runs at most <c>maxConcurrency</c>
/// of them at once, and returns their answers in input order. The first request that fails for good (after its own
/// retries) stops the rest: the others are cancelled and its exception is raised as it was thrown.
/// </summary>
internal static class EmbeddingBatcher
{
    public static async Task<EmbeddingBatch[]> RunAsync(
        string[] inputs,
        int batchSize,
        int maxConcurrency,
        Func<ArraySegment<string>, CancellationToken, Task<EmbeddingBatch>> send,
        CancellationToken cancellationToken)
    {
        int count = (int)(((long)inputs.Length + batchSize - 1) / batchSize);
        var results = new EmbeddingBatch[count];
        if (count == 1)
        {
            results[0] = await send(new ArraySegment<string>(inputs), cancellationToken).ConfigureAwait(false);
            return results;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int next = -1;
        ExceptionDispatchInfo? failure = null;

        // Workers pull the next batch as they finish one, so at most maxConcurrency requests are ever in flight.
        async Task WorkAsync()
        {
            int batch;
            while (!stop.IsCancellationRequested && (batch = Interlocked.Increment(ref next)) < count)
            {
                int start = batch * batchSize;
                try
                {
                    var segment = new ArraySegment<string>(inputs, start, Math.Min(batchSize, inputs.Length - start));
                    results[batch] = await send(segment, stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    if (Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null) is null)
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                    }

                    return;
                }
            }
        }

        var workers = new Task[Math.Min(maxConcurrency, count)];
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = WorkAsync();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);

        // The caller's cancellation wins over the failures it caused, and carries the caller's token.
        cancellationToken.ThrowIfCancellationRequested();
        failure?.Throw();
        return results;
    }
}
