using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Recording;

namespace NexLLM.Connectors.Emulator;

/// <summary>
/// A request the emulator received, recorded exactly as it arrived (before any check, so rejected requests are
/// recorded too). Read them with <see cref="NexLLMEmulator.Requests"/> to assert on the wire request.
/// </summary>
public sealed class EmulatorRequest
{
    private string? _bodyText;

    internal EmulatorRequest(
        string requestId,
        DateTimeOffset receivedAt,
        string method,
        string path,
        string queryString,
        IReadOnlyDictionary<string, string> headers,
        byte[] body)
    {
        RequestId = requestId;
        ReceivedAt = receivedAt;
        Method = method;
        Path = path;
        QueryString = queryString;
        Headers = headers;
        Body = body;
    }

    /// <summary>Gets the request id the emulator answered with (the <c>X-Oneapi-Request-Id</c> response header).</summary>
    public string RequestId { get; }

    /// <summary>Gets when the request arrived.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Gets the HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the path, e.g. <c>/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the query string as sent, with its leading <c>?</c>, or an empty string.</summary>
    public string QueryString { get; }

    /// <summary>Gets the request headers (case-insensitive names; the first value of a repeated header).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the body bytes (empty when there was none). Do not modify the array.</summary>
    public byte[] Body { get; }

    /// <summary>Gets the body decoded as UTF-8.</summary>
    public string BodyText => _bodyText ??= Encoding.UTF8.GetString(Body);

    /// <summary>Parses the body as JSON.</summary>
    /// <returns>The root element (a detached copy: no document to dispose).</returns>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    public JsonElement ParseJson()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    /// <summary>Parses the body as JSON, without throwing.</summary>
    /// <param name="json">The root element when the body is valid JSON.</param>
    /// <returns><see langword="true"/> when the body is valid JSON.</returns>
    public bool TryParseJson(out JsonElement json)
    {
        try
        {
            json = ParseJson();
            return true;
        }
        catch (JsonException)
        {
            json = default;
            return false;
        }
    }

    /// <summary>Splits a <c>multipart/form-data</c> body (an image edit, say) into its parts, in the order they were sent.</summary>
    /// <returns>Each part's field name, file name, content type and bytes.</returns>
    /// <exception cref="FormatException">The <c>Content-Type</c> header has no boundary, or the body is not a complete multipart body.</exception>
    public IReadOnlyList<EmulatorMultipartPart> ParseMultipart() =>
        MultipartBody.Parse(Headers.TryGetValue("content-type", out string? contentType) ? contentType : null, Body);

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path}{QueryString}";
}
