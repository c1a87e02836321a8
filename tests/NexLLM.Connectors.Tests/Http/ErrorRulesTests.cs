using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>The pure pieces behind typed errors: <see cref="ErrorBody"/>, <see cref="TransientRules"/>, <see cref="LogText"/>.</summary>
public sealed class ErrorRulesTests
{
    [Theory]
    [InlineData("""{"error":{"message":"m","type":"t","param":"p","code":"c"}}""", "m", "t", "c", null)]
    [InlineData("""{"error":{"message":"m","type":"t","code":42}}""", "m", "t", "42", null)]
    [InlineData("""{"type":"error","error":{"type":"t","message":"m"},"request_id":"r"}""", "m", "t", null, "r")]
    [InlineData("""{"error":{"code":503,"message":"m","status":"UNAVAILABLE"}}""", "m", "UNAVAILABLE", "503", null)]
    [InlineData("""{"error":"m","type":"t","code":"c"}""", "m", "t", "c", null)]
    [InlineData("""{"message":"m","type":"t"}""", "m", "t", null, null)]
    [InlineData("""{"type":"response.failed","sequence_number":5,"response":{"id":"resp_1","status":"failed","error":{"code":"server_error","message":"m"}}}""", "m", null, "server_error", null)]
    [InlineData("""{"type":"error","code":"rate_limit_exceeded","message":"m","param":null,"sequence_number":1}""", "m", "error", "rate_limit_exceeded", null)]
    [InlineData("  \r\n plain words \n", "plain words", null, null, null)]
    [InlineData("<HTML><TITLE> Gateway Timeout </TITLE></HTML>", "Gateway Timeout", null, null, null)]
    [InlineData("", null, null, null, null)]
    [InlineData("{\"not\":\"an error\"}", "{\"not\":\"an error\"}", null, null, null)]
    public void ErrorBody_reads_every_shape(string body, string? message, string? type, string? code, string? requestId)
    {
        Assert.Equal(new ErrorBody(message, type, code, requestId), ErrorBody.Parse(System.Text.Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData(408, null, true)]
    [InlineData(409, null, true)]
    [InlineData(429, null, true)]
    [InlineData(500, null, true)]
    [InlineData(500, "invalid_request", false)]
    [InlineData(500, "model_not_found", true)]
    [InlineData(502, null, true)]
    [InlineData(503, null, true)]
    [InlineData(503, "model_not_found", false)]
    [InlineData(504, null, true)]
    [InlineData(529, null, true)]
    [InlineData(400, null, false)]
    [InlineData(401, null, false)]
    [InlineData(403, "insufficient_user_quota", false)]
    [InlineData(404, null, false)]
    [InlineData(413, null, false)]
    [InlineData(422, null, false)]
    [InlineData(501, null, false)]
    public void TransientRules_follow_the_status_and_the_gateway_codes(int status, string? code, bool transient)
    {
        Assert.Equal(transient, TransientRules.IsTransient(status, code));
    }

    [Theory]
    [InlineData("overloaded_error", null, true)]
    [InlineData("rate_limit_error", null, true)]
    [InlineData("RESOURCE_EXHAUSTED", "429", true)]
    [InlineData("upstream_error", "503", true)]
    [InlineData("upstream_error", "400", false)]
    [InlineData("invalid_request_error", "invalid_value", false)]
    [InlineData(null, null, false)]
    public void TransientRules_judge_in_stream_errors_by_type_or_code(string? type, string? code, bool transient)
    {
        Assert.Equal(transient, TransientRules.IsTransientStreamError(type, code));
    }

    [Theory]
    [InlineData("plain", 10, "plain")]
    [InlineData("a\r\nb", 10, "a\\r\\nb")]
    [InlineData("tab\there", 20, "tab\\there")]
    [InlineData("bell\u0007", 20, "bell\\u0007")]
    [InlineData("abcdefghij", 5, "abcd…")]
    [InlineData("ab\ncd", 5, "ab\\n…")]
    [InlineData("ab\nc", 5, "ab\\nc")]
    [InlineData("😀😀😀", 4, "😀…")]
    [InlineData("", 5, "")]
    public void LogText_escapes_control_characters_and_never_exceeds_the_limit(string text, int max, string expected)
    {
        string escaped = LogText.Escape(text, max);

        Assert.Equal(expected, escaped);
        Assert.True(escaped.Length <= max, $"{escaped.Length} > {max}");
    }
}
