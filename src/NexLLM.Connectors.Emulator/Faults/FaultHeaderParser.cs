using System.Globalization;

namespace NexLLM.Connectors.Emulator.Faults;

/// <summary>
/// Parses <c>X-NexLLM-Emulator-Fault: &lt;fault&gt;=&lt;value&gt;[; &lt;param&gt;=&lt;value&gt;]…</c> strictly: an unknown
/// fault or parameter, a bad value or a repeated parameter is an error (the README documents the syntax).
/// </summary>
internal static class FaultHeaderParser
{
    public const string HeaderName = "X-NexLLM-Emulator-Fault";

    /// <summary>The query parameter that carries the same text on the realtime handshake (WebSocket clients in browsers cannot set headers).</summary>
    public const string QueryName = "nexllm_fault";

    private const string Syntax =
        "Syntax: <fault>=<value>[; <param>=<value>]..., e.g. 'status=429; retry-after=2', 'stream-error=after:2', " +
        "'truncate=after:3', 'delay=500ms', 'status=503; times=1; id=call-42'. Faults: status, delay, stream-error, " +
        "raw-stream-error, failed, truncate, failover, reset, stall, malformed, oversize, redirect. See the emulator README.";

    // The message of new-api's Redis model rate limiter (docs/protocols/gateway.md#error-bodies): 429s can carry Chinese text.
    private const string RateLimitMessage = "您已达到请求数限制：1分钟内最多请求60次";

    private const string NginxBadGatewayHtml =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private static readonly string[] CommonParameters = ["times", "id"];

    private static readonly Dictionary<string, string[]> ParametersByFault = new(StringComparer.Ordinal)
    {
        ["status"] = ["retry-after", "retry-after-ms", "x-should-retry", "body", "message", "type", "code"],
        ["delay"] = [],
        ["stream-error"] = ["message", "type", "code", "close"],
        ["failed"] = ["message", "code"],
        ["raw-stream-error"] = ["message", "type", "code"],
        ["truncate"] = [],
        ["failover"] = [],
        ["reset"] = [],
        ["stall"] = ["for"],
        ["malformed"] = ["frame"],
        ["oversize"] = ["bytes"],
        ["redirect"] = ["status"],
    };

    /// <summary>Gets every fault the header knows, with its own parameters (the standalone help lists them).</summary>
    public static IReadOnlyDictionary<string, string[]> Faults => ParametersByFault;

    /// <summary>Gets the parameters every fault takes.</summary>
    public static IReadOnlyList<string> SharedParameters => CommonParameters;

    /// <summary>Parses a header value; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string header, out FaultHeaderSpec? spec, out string? error)
    {
        spec = null;
        try
        {
            spec = Parse(header);
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            error = $"Invalid {HeaderName} header: {ex.Message} {Syntax}";
            return false;
        }
    }

    private static FaultHeaderSpec Parse(string header)
    {
        var items = header.Split(';').Select(item => item.Trim()).ToList();
        if (items.Count > 1 && items[^1].Length == 0)
        {
            items.RemoveAt(items.Count - 1); // tolerate one trailing ';'
        }

        var (kind, value) = SplitItem(items[0]);
        if (!ParametersByFault.TryGetValue(kind, out var allowed))
        {
            throw new FormatException($"unknown fault '{kind}'.");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string item in items.Skip(1))
        {
            var (name, parameterValue) = SplitItem(item);
            if (!allowed.Contains(name) && !CommonParameters.Contains(name))
            {
                throw new FormatException($"the fault '{kind}' has no parameter '{name}' (allowed: {string.Join(", ", allowed.Concat(CommonParameters))}).");
            }

            if (!parameters.TryAdd(name, parameterValue))
            {
                throw new FormatException($"the parameter '{name}' is repeated.");
            }
        }

        var fault = Build(kind, value, parameters);
        int? times = parameters.TryGetValue("times", out string? timesText) ? ParseInt(timesText, "times", 1, int.MaxValue) : null;
        string trackingKey = parameters.TryGetValue("id", out string? id) ? "id:" + id : "header:" + header.Trim();
        return new FaultHeaderSpec(fault, trackingKey, times);
    }

    private static EmulatorFault Build(string kind, string value, Dictionary<string, string> parameters)
    {
        string? Get(string name) => parameters.TryGetValue(name, out string? v) ? v : null;

        return kind switch
        {
            "status" => BuildStatus(ParseInt(value, "status", 100, 999), parameters),
            "delay" => EmulatorFault.Delay(ParseDuration(value, "delay")),
            "stream-error" => EmulatorFault.DescribedStreamError(ParseAfter(value, kind), Get("message"), Get("type"), Get("code"))
                .WithRealtimeVariant(Get("close") is { } close ? ParseSessionEnd(close) : null),
            "raw-stream-error" => EmulatorFault.GatewayRawStreamError(
                ParseAfter(value, kind),
                Get("message") ?? "upstream stream failed: unexpected EOF",
                Get("type") ?? "new_api_error",
                Get("code") ?? "bad_response"),
            "failed" => EmulatorFault.Failed(ParseAfter(value, kind), Get("message"), Get("code")),
            "truncate" => EmulatorFault.Truncate(ParseAfter(value, kind)),
            "failover" => EmulatorFault.Failover(ParseAfter(value, kind)),
            "reset" => EmulatorFault.Reset(ParseAfter(value, kind)),
            "stall" => EmulatorFault.Stall(ParseAfter(value, kind), Get("for") is { } duration ? ParseDuration(duration, "for") : TimeSpan.FromSeconds(30)),
            "malformed" => EmulatorFault.MalformedChunk(ParseAfter(value, kind)).WithRealtimeVariant(Get("frame") switch
            {
                null or "text" => null,
                "binary" => "binary",
                var other => throw new FormatException($"'frame' must be text or binary (got '{other}')."),
            }),
            "oversize" => EmulatorFault.Oversize(
                ParseAfter(value, kind),
                Get("bytes") is { } bytes ? ParseLong(bytes, "bytes", 16, 1L << 40) : EmulatorFault.DefaultOversizeBytes),
            "redirect" => EmulatorFault.Redirect(value, Get("status") is { } status ? ParseInt(status, "status", 300, 399) : 307),
            _ => throw new FormatException($"unknown fault '{kind}'."),
        };
    }

    /// <summary>
    /// <c>close=drop</c> or <c>close=&lt;status&gt;</c> (1000-4999): how the realtime session ends after the error event
    /// (README "Realtime"); streams over HTTP end after the error anyway.
    /// </summary>
    private static string ParseSessionEnd(string value) =>
        value == "drop" ? value : ParseInt(value, "close", 1000, 4999).ToString(CultureInfo.InvariantCulture);

    private static EmulatorFault BuildStatus(int statusCode, Dictionary<string, string> parameters)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in new[] { "retry-after", "retry-after-ms", "x-should-retry" })
        {
            if (parameters.TryGetValue(name, out string? headerValue))
            {
                headers[name] = headerValue;
            }
        }

        if (headers.TryGetValue("x-should-retry", out string? shouldRetry) && shouldRetry is not ("true" or "false"))
        {
            throw new FormatException("'x-should-retry' must be true or false.");
        }

        string body = parameters.TryGetValue("body", out string? b) ? b : "openai";
        string message = parameters.TryGetValue("message", out string? m) ? m
            : statusCode == 429 ? RateLimitMessage
            : string.Create(CultureInfo.InvariantCulture, $"emulated HTTP {statusCode} ({HeaderName})");
        string? type = parameters.TryGetValue("type", out string? t) ? t : null;
        string? code = parameters.TryGetValue("code", out string? c) ? c : null;

        return body switch
        {
            "openai" => EmulatorFault.OpenAIError(statusCode, message, type ?? "upstream_error", code, headers),
            "gateway" => EmulatorFault.GatewayError(statusCode, message, code ?? "", headers),
            "claude" => EmulatorFault.ClaudeError(statusCode, type ?? ClaudeErrorType(statusCode), message, headers),
            "empty" => EmulatorFault.Status(statusCode, null, headers),
            "html" => EmulatorFault.Status(statusCode, NginxBadGatewayHtml, headers),
            "text" => EmulatorFault.Status(statusCode, message, headers),
            _ => throw new FormatException($"'body' must be one of openai, gateway, claude, empty, html, text (got '{body}')."),
        };
    }

    private static string ClaudeErrorType(int statusCode) => statusCode switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        _ => "api_error",
    };

    private static (string Name, string Value) SplitItem(string item)
    {
        int equals = item.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException(item.Length == 0 ? "an item is empty." : $"'{item}' is not of the form name=value.");
        }

        string name = item[..equals].Trim().ToLowerInvariant();
        string value = item[(equals + 1)..].Trim();
        if (value.Length == 0)
        {
            throw new FormatException($"'{name}' has no value.");
        }

        return (name, value);
    }

    private static int ParseAfter(string value, string kind)
    {
        if (!value.StartsWith("after:", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{kind}' takes 'after:<chunks>', e.g. '{kind}=after:2' (got '{value}').");
        }

        return ParseInt(value["after:".Length..], kind + " after", 0, int.MaxValue);
    }

    private static int ParseInt(string value, string name, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < min || number > max)
        {
            throw new FormatException($"'{name}' must be a whole number between {min} and {max} (got '{value}').");
        }

        return number;
    }

    private static long ParseLong(string value, string name, long min, long max)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number < min || number > max)
        {
            throw new FormatException($"'{name}' must be a whole number between {min} and {max} (got '{value}').");
        }

        return number;
    }

    /// <summary>Durations carry a unit: <c>250ms</c>, <c>2s</c>, <c>1.5s</c>, <c>1m</c>.</summary>
    private static TimeSpan ParseDuration(string value, string name)
    {
        (string number, double scale) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (value[..^2], 1.0),
            _ when value.EndsWith('s') || value.EndsWith('S') => (value[..^1], 1000.0),
            _ when value.EndsWith('m') || value.EndsWith('M') => (value[..^1], 60_000.0),
            _ => throw new FormatException($"'{name}' needs a unit: ms, s or m, e.g. '500ms' or '2s' (got '{value}')."),
        };

        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount)
            || amount * scale > TimeSpan.FromHours(1).TotalMilliseconds)
        {
            throw new FormatException($"'{name}' must be a duration of at most one hour, e.g. '500ms', '2s', '1.5s', '1m' (got '{value}').");
        }

        return TimeSpan.FromMilliseconds(amount * scale);
    }
}
