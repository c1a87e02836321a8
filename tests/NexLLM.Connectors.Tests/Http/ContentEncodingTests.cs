using System.Text;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>
/// A body whose <c>Content-Encoding</c> does not match its bytes, decoded as the socket handler decodes it
/// (<see cref="SocketsHandlerBody"/>): an <see cref="NexLLMErrorKind.InvalidResponse"/>, never the decoder's own
/// exception. The Brotli decoder reports corrupt data as an <see cref="InvalidOperationException"/>, the others as an
/// <see cref="InvalidDataException"/>; both are the same failure to the caller.
/// </summary>
public sealed class ContentEncodingTests
{
    private static async Task<NexLLMException> FailAsync(Func<Harness, Task> call, Reply reply)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(reply);
        Exception? error = await Record.ExceptionAsync(() => call(harness));
        Assert.Single(harness.Handler.Requests); // the same bytes would come again: not retried
        Assert.True(harness.Handler.AllBodiesDisposed);
        return Assert.IsType<NexLLMException>(error);
    }

    private static Reply Labelled(string body, string contentType, string encoding) =>
        Reply.Status(200, body, contentType).WithHeader("Content-Encoding", encoding).WithContentLength(Encoding.UTF8.GetByteCount(body)).ThroughSocketsHandler();

    [Theory]
    [InlineData("br")]
    [InlineData("gzip, br")]
    public async Task A_one_byte_body_labelled_br_that_is_not_Brotli_is_an_InvalidResponse(string encoding)
    {
        NexLLMException error = await FailAsync(h => h.AskAsync(), Labelled("}", "application/json", encoding));

        Assert.Equal((NexLLMErrorKind.InvalidResponse, 200, false), (error.Kind, error.StatusCode, error.IsTransient));
        Assert.Contains("could not be decompressed", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(Assert.IsType<InvalidDataException>(error.InnerException).InnerException);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task A_plain_JSON_body_labelled_with_a_compression_is_an_InvalidResponse(string encoding)
    {
        NexLLMException error = await FailAsync(h => h.AskAsync(), Labelled(OkBody, "application/json", encoding));

        Assert.Equal((NexLLMErrorKind.InvalidResponse, false), (error.Kind, error.IsTransient));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_plain_event_stream_labelled_with_a_compression_is_an_InvalidResponse(string encoding)
    {
        string events = Sse.Stream(Chunk.Text("Hello"), Chunk.Finish("stop"));

        NexLLMException error = await FailAsync(h => h.StreamAsync(), Labelled(events, "text/event-stream", encoding));

        Assert.Equal((NexLLMErrorKind.InvalidResponse, false), (error.Kind, error.IsTransient));
    }

    [Fact]
    public async Task An_error_status_whose_body_is_not_Brotli_keeps_its_status()
    {
        using var harness = new Harness(o => o.MaxRetries = 0);
        harness.Handler.Enqueue(Reply.Status(400, "}", "application/json").WithHeader("Content-Encoding", "br").ThroughSocketsHandler());

        NexLLMException error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

        Assert.Equal((NexLLMErrorKind.HttpStatus, 400), (error.Kind, error.StatusCode));
    }

    [Fact]
    public async Task A_stream_answer_with_an_HTML_body_that_is_not_Brotli_is_an_InvalidResponse()
    {
        NexLLMException error = await FailAsync(h => h.StreamAsync(), Labelled("<html>", "text/html", "br"));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("expected an event stream", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task Bodies_that_are_really_encoded_are_read(string encoding)
    {
        using var harness = new Harness();
        byte[] json = SocketsHandlerBody.Encode(Encoding.UTF8.GetBytes(OkBody), encoding);
        byte[] events = SocketsHandlerBody.Encode(Encoding.UTF8.GetBytes(Sse.Stream(Chunk.Text("Hello"), Chunk.Finish("stop"))), encoding);
        harness.Handler.Enqueue(
            Reply.Status(200).WithBody(json).WithContentType("application/json").WithHeader("Content-Encoding", encoding).WithContentLength(json.Length).ThroughSocketsHandler(),
            Reply.Status(200).WithBody(events, maxReadSize: 3).WithContentType("text/event-stream").WithHeader("Content-Encoding", encoding).ThroughSocketsHandler());

        Assert.Equal("ok", (await harness.AskAsync()).Text);
        Assert.Equal("Hello", UpdateText.AllText(await harness.StreamAsync()));
    }
}
