using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace NexLLM.Connectors.Http;

/// <summary>
/// When and how long to wait before trying again (docs/reliability.md, "retries" and "server hints"): only transient
/// failures, a server hint up to 60 s honoured exactly, otherwise 0.5 s doubling to 8 s with jitter ×0.75–1 (docs/protocols/gateway.md#rate-limit-headers).
/// A hint above 60 s is not waited for: the call fails at once with the hint in <see cref="NexLLMException.RetryAfter"/>.
/// </summary>
internal static class RetryPolicy
{
    public static readonly ResiliencePropertyKey<string> PathKey = new("nexllm.path");

    public static ResiliencePipeline Build(NexLLMClientOptions options, ILogger logger)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception)),
                DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(
                    Delay(args.AttemptNumber, (args.Outcome.Exception as NexLLMException)?.RetryAfter)),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is NexLLMException ex)
                    {
                        TransportLog.Retrying(logger, args.Context.Properties.GetValue(PathKey, "?"), (long)args.RetryDelay.TotalMilliseconds, ex.Kind, ex.StatusCode, ex.ErrorType, ex.RequestId);
                    }

                    return default;
                },
            })
            .Build();
    }

    public static bool ShouldRetry(Exception? exception) =>
        exception is NexLLMException { IsTransient: true } ex && !(ex.RetryAfter > RetryHints.MaxHonoured);

    /// <summary>The server's hint when it gave a usable one; else 0.5 s doubling up to 8 s, with jitter of ×0.75–1.</summary>
    public static TimeSpan Delay(int retryNumber, TimeSpan? hint) => Delay(retryNumber, hint, Random.Shared.NextDouble());

    /// <summary>
    /// <see cref="Delay(int, TimeSpan?)"/> with the random draw passed in (<paramref name="jitter"/> in [0, 1) scales the
    /// backoff by 0.75 + 0.25 × jitter), so that tests can pin exact delays.
    /// </summary>
    internal static TimeSpan Delay(int retryNumber, TimeSpan? hint, double jitter)
    {
        if (hint is { } wait && wait > TimeSpan.Zero && wait <= RetryHints.MaxHonoured)
        {
            return wait;
        }

        double seconds = Math.Min(0.5 * Math.Pow(2, retryNumber), 8);
        return TimeSpan.FromSeconds(seconds * (0.75 + (0.25 * jitter)));
    }
}
