using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// An <c>inlineData</c> part must have base64 <c>data</c> and a <c>mimeType</c> of the form type/subtype (Google's
/// <c>Blob</c>, https://ai.google.dev/api/caching#Blob). One that does not is an InvalidResponse naming what is wrong,
/// streamed or not, never an ArgumentException from the content type it would become.
/// </summary>
public sealed class GeminiInlineDataTests
{
    public static TheoryData<string, string, bool> Broken
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (bool stream in new[] { false, true })
            {
                data.Add("""{"mimeType":"","data":null}""", "an inlineData part has no data", stream);
                data.Add("""{"mimeType":"image/png","data":null}""", "an inlineData part has no data", stream);
                data.Add("""{"mimeType":null,"data":"AQID"}""", "an inlineData part has no mimeType", stream);
                data.Add("""{"mimeType":"","data":"AQID"}""", "an inlineData part has no mimeType", stream);
                data.Add("""{"mimeType":"g","data":"AQID"}""", "the mimeType 'g' of an inlineData part is not a media type (type/subtype)", stream);
                data.Add("""{"mimeType":"image/png","data":"not base64!"}""", "the data of an inlineData part is not valid base64", stream);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_broken_inlineData_part_is_an_InvalidResponse_naming_the_problem(string inlineData, string problem, bool stream)
    {
        string parts = $$"""[{"inlineData":{{inlineData}}}]""";
        using var harness = new Harness(o => o.MaxRetries = 0);
        harness.Handler.Enqueue(stream
            ? Reply.Sse(GeminiSse.Events(GeminiChunk.Text("Here:"), GeminiChunk.Parts(parts, "STOP")))
            : Reply.Json($$"""{"candidates":[{"content":{"role":"model","parts":{{parts}}},"finishReason":"STOP"}]}"""));

        Exception? error = stream ? (await harness.StreamGeminiAsync()).Error : await Record.ExceptionAsync(() => harness.AskGeminiAsync());

        NexLLMException typed = Assert.IsType<NexLLMException>(error);
        Assert.Equal((NexLLMErrorKind.InvalidResponse, false), (typed.Kind, typed.IsTransient));
        Assert.EndsWith($" is invalid: {problem}.", typed.Message, StringComparison.Ordinal);
        Assert.True(harness.Handler.AllBodiesDisposed);
    }

    [Fact]
    public async Task The_fuzzed_body_is_an_InvalidResponse()
    {
        using var harness = new Harness(o => o.MaxRetries = 0);
        harness.Handler.Enqueue(Reply.Json("""{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"","data":null}}]}}]}"""));

        NexLLMException error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskGeminiAsync());

        Assert.Equal("NexLLM Gemini generateContent response is invalid: an inlineData part has no data.", error.Message);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/octet-stream")]
    [InlineData("text/plain; charset=utf-8")]
    public async Task A_valid_part_becomes_its_bytes_and_media_type(string mimeType)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json($$$"""{"candidates":[{"content":{"role":"model","parts":[{"inlineData":{"mimeType":"{{{mimeType}}}","data":"AQID"}}]},"finishReason":"STOP"}]}"""));

        ChatResponse response = await harness.AskGeminiAsync();

        DataContent data = Assert.IsType<DataContent>(Assert.Single(response.Messages.SelectMany(m => m.Contents)));
        Assert.Equal([1, 2, 3], data.Data.ToArray());
        Assert.Equal(mimeType, data.MediaType);
    }
}
