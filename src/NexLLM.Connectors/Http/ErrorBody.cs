using System.Text;
using System.Text.Json;

namespace NexLLM.Connectors.Http;

/// <summary>
/// The fields of an error body in any of the shapes the gateway and its upstreams produce (docs/protocols/gateway.md#error-bodies, docs/protocols/gateway.md#gotchas):
/// OpenAI <c>{"error":{message,type,param,code}}</c> (code a string, number or null), Claude
/// <c>{"type":"error","error":{type,message},"request_id"}</c>, Google <c>{"error":{code,message,status}}</c>,
/// a bare <c>{"message":...}</c>, and bodies that are not JSON at all (empty, HTML, plain text).
/// </summary>
internal sealed record ErrorBody(string? Message, string? Type, string? Code, string? RequestId)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64, AllowTrailingCommas = true };

    /// <summary>Reads an error body. Never throws: what is not JSON becomes the message text. A leading byte order mark is skipped, as on success bodies.</summary>
    public static ErrorBody Parse(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> trimmed = (body.StartsWith("\uFEFF"u8) ? body[3..] : body).Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return new ErrorBody(null, null, null, null);
        }

        if (trimmed[0] == (byte)'{' && TryParseJson(trimmed, out var parsed))
        {
            return parsed;
        }

        return new ErrorBody(PlainText(trimmed), null, null, null);
    }

    /// <summary>Reads a JSON value that may be an error object (an in-stream error event or a raw JSON body).</summary>
    public static bool TryParseJson(ReadOnlySpan<byte> json, out ErrorBody error)
    {
        error = new ErrorBody(null, null, null, null);
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            using var document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            string? requestId = StringOf(root, "request_id");
            if (root.TryGetProperty("error", out JsonElement inner))
            {
                if (inner.ValueKind == JsonValueKind.Object)
                {
                    // Google puts its status name ("RESOURCE_EXHAUSTED") where the others put a type.
                    string? type = StringOf(inner, "type") ?? StringOf(inner, "status");
                    error = new ErrorBody(StringOf(inner, "message"), type, StringOf(inner, "code"), requestId);
                    return true;
                }

                if (inner.ValueKind == JsonValueKind.String)
                {
                    error = new ErrorBody(inner.GetString(), StringOf(root, "type"), StringOf(root, "code"), requestId);
                    return true;
                }
            }

            // A Responses stream's response.failed carries the error inside its response (docs/protocols/responses.md#streaming).
            if (root.TryGetProperty("response", out JsonElement response) && response.ValueKind == JsonValueKind.Object)
            {
                if (response.TryGetProperty("error", out JsonElement nested) && nested.ValueKind == JsonValueKind.Object)
                {
                    error = new ErrorBody(StringOf(nested, "message"), StringOf(nested, "type"), StringOf(nested, "code"), requestId);
                    return true;
                }

                if (StringOf(response, "status") == "failed")
                {
                    error = new ErrorBody("the response failed without an error object", null, null, requestId);
                    return true;
                }
            }

            if (root.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.String)
            {
                error = new ErrorBody(message.GetString(), StringOf(root, "type"), StringOf(root, "code"), requestId);
                return true;
            }

            return false;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed or absurdly nested JSON (a hostile 10,000-deep body), or a string the DOM cannot decode (a lone
            // surrogate escape): treat it as text.
            return false;
        }
    }

    private static string? StringOf(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>An HTML error page says most in its title; other text is taken as it is.</summary>
    private static string PlainText(ReadOnlySpan<byte> body)
    {
        string text = Encoding.UTF8.GetString(body.Length > 4096 ? body[..4096] : body);
        int title = text.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
        if (title >= 0)
        {
            int end = text.IndexOf("</title>", title, StringComparison.OrdinalIgnoreCase);
            if (end > title)
            {
                return text[(title + 7)..end].Trim();
            }
        }

        return text.Trim();
    }
}
