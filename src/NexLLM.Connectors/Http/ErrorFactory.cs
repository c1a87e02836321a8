using System.Globalization;
using System.Net;
using System.Text;

namespace NexLLM.Connectors.Http;

/// <summary>Builds every <see cref="NexLLMException"/> the transport raises, so that each one is redacted and bounded the same way.</summary>
internal sealed class ErrorFactory(SecretRedactor redactor)
{
    private const int ExcerptChars = 2048;

    public NexLLMException FromStatus(
        HttpStatusCode status, System.Net.Http.Headers.HttpResponseHeaders headers, ReadOnlySpan<byte> body, string operation, DateTimeOffset now)
    {
        int code = (int)status;
        ErrorBody error = ErrorBody.Parse(body);
        TimeSpan? retryAfter = RetryHints.GetRetryAfter(headers, now);
        bool transient = RetryHints.GetShouldRetry(headers) ?? TransientRules.IsTransient(code, error.Code);
        string? requestId = Clean(RequestIds.From(headers) ?? error.RequestId, 128);

        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"NexLLM {operation} failed with HTTP {code} ({ReasonOf(status)})");
        AppendDetails(message, error);
        if (code == 404 && body.IndexOf("Invalid URL"u8) >= 0)
        {
            // The gateway's answer to a path it has no route for: nearly always an endpoint that is not the base URL.
            message.Append(" The gateway has no such route: the endpoint must be its base URL, such as https://www.nexllm.ai/v1, without an operation path such as /chat/completions at its end.");
        }

        if (retryAfter is { } hint)
        {
            message.Append(CultureInfo.InvariantCulture, $" The server asked to retry after {hint.TotalSeconds:0.###} s.");
        }

        return new NexLLMException(NexLLMErrorKind.HttpStatus, message.ToString())
        {
            StatusCode = code,
            ErrorType = Clean(error.Type, 128),
            ErrorCode = Clean(error.Code, 128),
            RequestId = requestId,
            RetryAfter = retryAfter,
            IsTransient = transient,
            ResponseExcerpt = Excerpt(body),
        };
    }

    /// <summary>
    /// An error object inside a 200 answer: an event of a stream (or raw JSON appended to it), whose kind is
    /// <see cref="NexLLMErrorKind.InStreamError"/>, or the body of a non-streamed answer, whose kind is <see cref="NexLLMErrorKind.HttpStatus"/>.
    /// </summary>
    public NexLLMException FromErrorObject(ErrorBody error, ReadOnlySpan<byte> raw, string operation, string? requestId, bool inStream)
    {
        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"NexLLM {operation} {(inStream ? "stream reported an error" : "returned an error with HTTP 200")}");
        AppendDetails(message, error);
        return new NexLLMException(inStream ? NexLLMErrorKind.InStreamError : NexLLMErrorKind.HttpStatus, message.ToString())
        {
            StatusCode = 200,
            ErrorType = Clean(error.Type, 128),
            ErrorCode = Clean(error.Code, 128),
            RequestId = Clean(requestId ?? error.RequestId, 128),
            IsTransient = TransientRules.IsTransientStreamError(error.Type, error.Code),
            ResponseExcerpt = Excerpt(raw),
        };
    }

    public NexLLMException Create(
        NexLLMErrorKind kind, string message, bool transient, int? status = null, string? requestId = null,
        ReadOnlySpan<byte> body = default, Exception? inner = null, ErrorBody? error = null) =>
        new(kind, LogText.Escape(redactor.Redact(message), 4096), Sanitize(inner))
        {
            StatusCode = status,
            ErrorType = Clean(error?.Type, 128),
            ErrorCode = Clean(error?.Code, 128),
            RequestId = Clean(requestId, 128),
            IsTransient = transient,
            ResponseExcerpt = body.IsEmpty ? null : Excerpt(body),
        };

    /// <summary>The same failure with a sentence added to its message (why it was not retried), every other detail kept.</summary>
    public static NexLLMException WithNote(NexLLMException error, string note) =>
        new(error.Kind, error.Message + " " + note, error.InnerException)
        {
            StatusCode = error.StatusCode,
            ErrorType = error.ErrorType,
            ErrorCode = error.ErrorCode,
            RequestId = error.RequestId,
            RetryAfter = error.RetryAfter,
            IsTransient = error.IsTransient,
            Attempts = error.Attempts,
            ResponseExcerpt = error.ResponseExcerpt,
        };

    /// <summary>
    /// A JSON message with any run of the key in it replaced (the same message when there is none): for server messages
    /// that reach the caller as data, not as an exception, such as a realtime <c>error</c> event that echoes the key.
    /// </summary>
    public ReadOnlyMemory<byte> RedactJson(ReadOnlyMemory<byte> json)
    {
        string text = Encoding.UTF8.GetString(json.Span);
        string redacted = redactor.Redact(text);
        return ReferenceEquals(text, redacted) ? json : Encoding.UTF8.GetBytes(redacted);
    }

    public string Excerpt(ReadOnlySpan<byte> body)
    {
        // Decode a little more than we keep, then cut on characters, never inside a UTF-8 sequence.
        int take = Math.Min(body.Length, ExcerptChars * 4);
        return LogText.Escape(redactor.Redact(Encoding.UTF8.GetString(body[..take])), ExcerptChars);
    }

    private void AppendDetails(StringBuilder message, ErrorBody error)
    {
        if (error.Type is not null || error.Code is not null)
        {
            message.Append(" [");
            message.Append(Clean(error.Type, 128) ?? "-");
            if (error.Code is not null)
            {
                message.Append(", code ").Append(Clean(error.Code, 128));
            }

            message.Append(']');
        }

        message.Append(error.Message is { Length: > 0 } text ? ": " + Clean(text, 1024) : ".");
    }

    /// <summary>
    /// The cause, kept for diagnosis unless its text carries the key (a JSON exception can quote a property name the server
    /// wrote, a handler's exception anything it read): then a stand-in with the redacted message, since an exception's
    /// <c>ToString()</c> includes its cause's.
    /// </summary>
    private Exception? Sanitize(Exception? inner)
    {
        if (inner is null)
        {
            return null;
        }

        string text = inner.ToString();
        return ReferenceEquals(redactor.Redact(text), text)
            ? inner
            : new InvalidDataException($"{inner.GetType().FullName}: {LogText.Escape(redactor.Redact(inner.Message), 1024)}");
    }

    /// <summary>Redacted, escaped and bounded; cut to its bound first, so that a huge server text costs no more than a short one.</summary>
    private string? Clean(string? text, int max) => text is null ? null : LogText.Escape(redactor.Redact(text.Length > max ? text[..max] : text), max);

    private static string ReasonOf(HttpStatusCode status) => (int)status switch
    {
        529 => "Overloaded",
        _ => Enum.IsDefined(status) ? status.ToString() : "Unknown",
    };
}
