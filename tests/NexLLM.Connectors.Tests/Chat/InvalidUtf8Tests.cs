using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat;

/// <summary>
/// One rule for bytes that are not UTF-8, in every chat format, streamed or not: in text and reasoning they become
/// U+FFFD (what Go's JSON encoder writes, https://pkg.go.dev/encoding/json#Marshal, and what the WHATWG decoder reads,
/// https://encoding.spec.whatwg.org/#utf-8-decoder); in tool-call arguments the answer is an InvalidResponse that says so;
/// in ids and signatures, which are echoed or compared, it is an InvalidResponse too.
/// </summary>
public sealed class InvalidUtf8Tests
{
    /// <summary>Where the bodies below hold '§', the test puts the bytes under test.</summary>
    private const char Mark = '§';

    public static TheoryData<string, bool> Formats => new()
    {
        { "chat", false }, { "chat", true }, { "claude", false }, { "claude", true }, { "gemini", false }, { "gemini", true },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Invalid_bytes_in_text_and_reasoning_become_U_FFFD(string format, bool stream)
    {
        foreach ((byte[] bytes, string replaced) in new (byte[], string)[]
        {
            ([0x82], "\uFFFD"), ([0xFF], "\uFFFD"), ([0xE2, 0x82], "\uFFFD"), ([0xED, 0xA0, 0x80], "\uFFFD\uFFFD\uFFFD"), ([0xC3, 0x28], "\uFFFD("),
        })
        {
            (List<AIContent> contents, Exception? error) = await CallAsync(format, stream, With(TextBody(format, stream), bytes));

            Assert.Null(error);
            Assert.Equal($"a{replaced}b", string.Concat(contents.OfType<TextContent>().Select(c => c.Text)));
            Assert.Equal($"r{replaced}s", string.Concat(contents.OfType<TextReasoningContent>().Select(c => c.Text)));
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Invalid_bytes_in_tool_call_arguments_are_an_InvalidResponse_that_says_so(string format, bool stream)
    {
        (_, Exception? error) = await CallAsync(format, stream, With(CallBody(format, stream), [0x82]));

        NexLLMException typed = Assert.IsType<NexLLMException>(error);
        Assert.Equal((NexLLMErrorKind.InvalidResponse, false), (typed.Kind, typed.IsTransient));
        Assert.Matches("is invalid: .*arguments.* are not valid UTF-8\\.$", typed.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Claude_partial_json_with_invalid_bytes_is_an_InvalidResponse_that_says_so(bool afterText)
    {
        string delta = """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"§\"}"}}""";
        string[] events = [ClaudeEvent.MessageStart(), .. afterText ? [ClaudeEvent.TextStart(1), ClaudeEvent.TextDelta(1, "Hi")] : Array.Empty<string>(),
            ClaudeEvent.ToolStart(0, "toolu_1", "get_weather"), delta, ClaudeEvent.BlockStop(0), ClaudeEvent.MessageDelta("tool_use"), ClaudeEvent.MessageStop];

        (_, Exception? error) = await CallAsync("claude", stream: true, With(ClaudeSse.Events(events), [0x82]));

        NexLLMException typed = Assert.IsType<NexLLMException>(error);
        Assert.Equal(NexLLMErrorKind.InvalidResponse, typed.Kind);
        Assert.Matches("is invalid: .*arguments.* are not valid UTF-8\\.$", typed.Message);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("gemini")]
    public async Task A_text_field_inside_the_arguments_is_data_and_not_repaired(string format)
    {
        string body = format == "claude"
            ? """{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"a§b"},{"type":"tool_use","id":"toolu_1","name":"note","input":{"text":"§"}}],"stop_reason":"tool_use"}"""
            : """{"candidates":[{"content":{"role":"model","parts":[{"text":"a§b"},{"functionCall":{"id":"c1","name":"note","args":{"text":"§"}}}]},"finishReason":"STOP"}]}""";

        (_, Exception? error) = await CallAsync(format, stream: false, With(body, [0x82]));

        Assert.Contains("arguments of tool call 'note' are not valid UTF-8", Assert.IsType<NexLLMException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fuzzed_Gemini_body_without_a_call_name_is_an_InvalidResponse()
    {
        (_, Exception? error) = await CallAsync("gemini", stream: false, With("""{"candidates":[{"content":{"parts":[{"functionCall":{"args":{"":"§"}}}]}}]}""", [0x82]));

        NexLLMException typed = Assert.IsType<NexLLMException>(error);
        Assert.Equal("NexLLM Gemini generateContent response is invalid: the arguments of tool call '' are not valid UTF-8.", typed.Message);
        Assert.IsType<InvalidOperationException>(typed.InnerException);
    }

    [Theory]
    [InlineData("chat", false, """{"id":"chat§","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""")]
    [InlineData("claude", false, """{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"thinking","thinking":"r","signature":"s§g"}],"stop_reason":"end_turn"}""")]
    [InlineData("gemini", true, "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"ok\"}]},\"finishReason\":\"STOP\"}],\"responseId\":\"r§1\"}\n\n")]
    public async Task Invalid_bytes_in_an_id_or_a_signature_are_an_InvalidResponse(string format, bool stream, string body)
    {
        (_, Exception? error) = await CallAsync(format, stream, With(body, [0x82]));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, Assert.IsType<NexLLMException>(error).Kind);
    }

    private static string TextBody(string format, bool stream) => (format, stream) switch
    {
        ("chat", false) => """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"a§b","reasoning_content":"r§s"},"finish_reason":"stop"}]}""",
        ("chat", true) => Sse.Stream(Chunk.Delta("""{"reasoning_content":"r§s"}"""), Chunk.Text("a§b"), Chunk.Finish("stop")),
        ("claude", false) => """{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"thinking","thinking":"r§s","signature":"sig"},{"type":"text","text":"a§b"}],"stop_reason":"end_turn"}""",
        ("claude", true) => ClaudeSse.Events(
            ClaudeEvent.MessageStart(), ClaudeEvent.ThinkingStart(0), ClaudeEvent.ThinkingDelta(0, "r§s"), ClaudeEvent.BlockStop(0),
            ClaudeEvent.TextStart(1), ClaudeEvent.TextDelta(1, "a§b"), ClaudeEvent.BlockStop(1), ClaudeEvent.MessageDelta("end_turn"), ClaudeEvent.MessageStop),
        ("gemini", false) => """{"candidates":[{"content":{"role":"model","parts":[{"text":"r§s","thought":true},{"text":"a§b"}]},"finishReason":"STOP","index":0}],"responseId":"r1"}""",
        _ => GeminiSse.Events(GeminiChunk.Parts($"[{GeminiChunk.ThoughtPart("r§s")}]"), GeminiChunk.Text("a§b", "STOP")),
    };

    private static string CallBody(string format, bool stream) => (format, stream) switch
    {
        ("chat", false) => """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"§\"}"}}]},"finish_reason":"tool_calls"}]}""",
        ("chat", true) => Sse.Stream(
            Chunk.Delta("""{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"§\"}"}}]}"""), Chunk.Finish("tool_calls")),
        ("claude", false) => """{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"§"}}],"stop_reason":"tool_use"}""",
        ("claude", true) => ClaudeSse.Events(
            ClaudeEvent.MessageStart(), """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"§"}}}""",
            ClaudeEvent.BlockStop(0), ClaudeEvent.MessageDelta("tool_use"), ClaudeEvent.MessageStop),
        ("gemini", false) => """{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"id":"c1","name":"get_weather","args":{"city":"§"}}}]},"finishReason":"STOP"}]}""",
        _ => GeminiSse.Events(GeminiChunk.Text("Checking."), GeminiChunk.Parts($"[{GeminiChunk.CallPart("get_weather", """{"city":"§"}""")}]", "STOP")),
    };

    /// <summary>The body's UTF-8 bytes with each <see cref="Mark"/> replaced by <paramref name="bytes"/>.</summary>
    private static byte[] With(string body, byte[] bytes)
    {
        Assert.Contains(Mark, body);
        string[] pieces = body.Split(Mark);
        var result = new List<byte>(Encoding.UTF8.GetBytes(pieces[0]));
        foreach (string piece in pieces.Skip(1))
        {
            result.AddRange(bytes);
            result.AddRange(Encoding.UTF8.GetBytes(piece));
        }

        return [.. result];
    }

    /// <summary>One call of the format's client over the body; the contents it gave (all updates' contents when streamed) and its exception.</summary>
    private static async Task<(List<AIContent> Contents, Exception? Error)> CallAsync(string format, bool stream, byte[] body)
    {
        using var harness = new Harness(o => o.MaxRetries = 0);
        harness.Handler.Enqueue(Reply.Status(200).WithBody(body).WithContentType(stream ? "text/event-stream" : "application/json"));
        IChatClient client = format switch
        {
            "claude" => harness.Claude(),
            "gemini" => harness.Gemini(),
            _ => harness.Chat(),
        };

        var contents = new List<AIContent>();
        try
        {
            if (stream)
            {
                await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Hi", cancellationToken: Harness.Ct))
                {
                    contents.AddRange(update.Contents);
                }
            }
            else
            {
                contents.AddRange((await client.GetResponseAsync("Hi", cancellationToken: Harness.Ct)).Messages.SelectMany(m => m.Contents));
            }

            return (contents, null);
        }
        catch (Exception ex)
        {
            return (contents, ex);
        }
        finally
        {
            Assert.True(harness.Handler.AllBodiesDisposed);
        }
    }
}
