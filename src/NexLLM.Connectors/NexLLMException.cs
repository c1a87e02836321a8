using System.Globalization;
using System.Text;

namespace NexLLM.Connectors;

/// <summary>
/// A failure reported by the NexLLM gateway or met while talking to it: an error status, an error inside a stream,
/// a truncated or malformed response, one of the client's own timeouts, a connection failure or a refused redirect.
/// </summary>
/// <remarks>
/// The caller's own cancellation is never wrapped: it surfaces as an <see cref="OperationCanceledException"/> carrying the
/// caller's token. The API key never appears in any property of this exception, even when the server's error text repeats it.
/// </remarks>
public sealed class NexLLMException : Exception
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public NexLLMException()
        : this("The NexLLM request failed.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public NexLLMException(string message)
        : base(message)
    {
        Kind = NexLLMErrorKind.InvalidResponse;
        Attempts = 1;
    }

    /// <summary>Initializes a new instance with a message and the exception that caused it.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public NexLLMException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = NexLLMErrorKind.InvalidResponse;
        Attempts = 1;
    }

    internal NexLLMException(NexLLMErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Attempts = 1;
    }

    /// <summary>Gets the HTTP status code of the failed response, or <see langword="null"/> when no response was received.</summary>
    public int? StatusCode { get; internal init; }

    /// <summary>Gets what kind of failure this is.</summary>
    public NexLLMErrorKind Kind { get; }

    /// <summary>Gets the error type the server reported (for example <c>rate_limit_error</c> or <c>new_api_error</c>), if any.</summary>
    public string? ErrorType { get; internal init; }

    /// <summary>Gets the error code the server reported (for example <c>model_not_found</c> or <c>429</c>), if any.</summary>
    public string? ErrorCode { get; internal init; }

    /// <summary>Gets the gateway's request id (<c>X-Oneapi-Request-Id</c>, else <c>request-id</c> or <c>x-request-id</c>): quote it in support requests.</summary>
    public string? RequestId { get; internal init; }

    /// <summary>Gets the delay the server asked for before a retry (<c>retry-after-ms</c> or <c>retry-after</c>), if it sent one.</summary>
    public TimeSpan? RetryAfter { get; internal init; }

    /// <summary>Gets a value indicating whether the failure is transient, so that the same request may succeed later.</summary>
    public bool IsTransient { get; internal init; }

    /// <summary>Gets how many attempts were made, retries included.</summary>
    public int Attempts { get; internal set; }

    /// <summary>Gets a bounded excerpt of the response body (at most 2,048 characters), with secrets removed.</summary>
    public string? ResponseExcerpt { get; internal init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(base.ToString());
        text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}Kind: {Kind}; status: {StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}; attempts: {Attempts}; transient: {IsTransient}");
        if (RequestId is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"; request id: {RequestId}");
        }

        return text.ToString();
    }
}
