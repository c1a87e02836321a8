using System.Text.Json;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Completions.CompletionTestData;

namespace NexLLM.Connectors.Tests.Completions;

/// <summary>The exact request of <c>POST /v1/completions</c> (docs/protocols/completions.md#request), compared byte for byte.</summary>
public sealed class CompletionRequestJsonTests
{
    [Fact]
    public async Task A_plain_call_sends_the_model_and_the_prompt_as_a_string()
    {
        var (request, _) = await CompleteAsync(Body());

        Assert.Equal("""{"model":"gpt-3.5-turbo-instruct","prompt":"Say hi"}""", request.BodyText);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://gateway.test/v1/completions", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + Harness.ApiKey, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
    }

    [Fact]
    public async Task Every_option_is_sent_under_its_wire_name_in_order()
    {
        var options = new NexLLMCompletionOptions
        {
            ModelId = "davinci-002",
            MaxTokens = 16,
            Temperature = 0.5f,
            TopP = 0.25f,
            N = 2,
            Stop = ["\n", "END"],
            Suffix = "}",
            Echo = true,
            Logprobs = 3,
            Seed = 42,
            User = "alice",
        };

        var (request, _) = await CompleteAsync(Body(), options, prompt: "def f(\"x\"):");

        Assert.Equal(
            """{"model":"davinci-002","prompt":"def f(\"x\"):","suffix":"}","max_tokens":16,"temperature":0.5,"top_p":0.25,"n":2,"stop":["\n","END"],"echo":true,"logprobs":3,"seed":42,"user":"alice"}""",
            request.BodyText);
    }

    [Fact]
    public async Task Several_prompts_are_sent_as_an_array_even_one()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(Body()), Reply.Json(Body()));
        NexLLMCompletionClient client = harness.Client.GetCompletionClient(Model);

        await client.CompleteAsync(["One", "Two"], cancellationToken: Harness.Ct);
        await client.CompleteAsync(new List<string> { "Only" }, cancellationToken: Harness.Ct);

        Assert.Equal("""{"model":"gpt-3.5-turbo-instruct","prompt":["One","Two"]}""", harness.Handler.Requests[0].BodyText);
        Assert.Equal("""{"model":"gpt-3.5-turbo-instruct","prompt":["Only"]}""", harness.Handler.Requests[1].BodyText);
    }

    [Fact]
    public async Task A_stream_asks_for_the_usage_chunk()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Text("Hi", finishReason: "stop"))));

        await CollectAsync(harness);

        RecordedRequest request = harness.Handler.SingleRequest;
        Assert.Equal("""{"model":"gpt-3.5-turbo-instruct","prompt":"Say hi","stream":true,"stream_options":{"include_usage":true}}""", request.BodyText);
        Assert.Equal("text/event-stream", request.Header("Accept"));
    }

    [Fact]
    public async Task Additional_properties_are_top_level_fields_that_win_except_reserved_and_stream_keys()
    {
        var options = new NexLLMCompletionOptions
        {
            MaxTokens = 16,
            AdditionalProperties = new()
            {
                ["best_of"] = 3,
                ["max_tokens"] = 32,
                ["logit_bias"] = JsonSerializer.Deserialize<JsonElement>("""{"50256":-100}"""),
                ["nexllm.note"] = "never sent",
                ["stream"] = true,
            },
        };

        var (request, _) = await CompleteAsync(Body(), options);

        Assert.Equal("""{"model":"gpt-3.5-turbo-instruct","prompt":"Say hi","max_tokens":32,"best_of":3,"logit_bias":{"50256":-100}}""", request.BodyText);
    }

    [Fact]
    public async Task Options_at_the_edges_of_their_ranges_are_sent()
    {
        var options = new NexLLMCompletionOptions { MaxTokens = 1, Temperature = 0, TopP = 1, N = 1, Logprobs = 0, Stop = [] };

        var (request, _) = await CompleteAsync(Body(), options);

        Assert.Equal("""{"model":"gpt-3.5-turbo-instruct","prompt":"Say hi","max_tokens":1,"temperature":0,"top_p":1,"n":1,"logprobs":0}""", request.BodyText);
    }

    public sealed class BadInput
    {
        public static TheoryData<NexLLMCompletionOptions, string> OutOfRange() => new()
        {
            { new() { MaxTokens = 0 }, "options.MaxTokens" },
            { new() { Temperature = -0.1f }, "options.Temperature" },
            { new() { Temperature = 2.5f }, "options.Temperature" },
            { new() { Temperature = float.NaN }, "options.Temperature" },
            { new() { TopP = 1.5f }, "options.TopP" },
            { new() { N = 0 }, "options.N" },
            { new() { Logprobs = -1 }, "options.Logprobs" },
            { new() { Logprobs = 6 }, "options.Logprobs" },
        };

        [Theory]
        [MemberData(nameof(OutOfRange))]
        public async Task An_option_out_of_range_names_itself_and_sends_nothing(NexLLMCompletionOptions options, string name)
        {
            using var harness = new Harness();
            NexLLMCompletionClient client = harness.Client.GetCompletionClient(Model);

            var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.CompleteAsync("Hi", options, Harness.Ct));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.CompleteStreamingAsync("Hi", options, Harness.Ct));

            Assert.Equal(name, error.ParamName);
            Assert.Empty(harness.Handler.Requests);
        }

        [Fact]
        public async Task Null_and_empty_prompts_are_refused_with_what_is_wrong()
        {
            using var harness = new Harness();
            NexLLMCompletionClient client = harness.Client.GetCompletionClient(Model);

            var nullPrompt = await Assert.ThrowsAsync<ArgumentNullException>(() => client.CompleteAsync((string)null!, cancellationToken: Harness.Ct));
            var emptyPrompt = await Assert.ThrowsAsync<ArgumentException>(() => client.CompleteAsync("", cancellationToken: Harness.Ct));
            var nullList = await Assert.ThrowsAsync<ArgumentNullException>(() => client.CompleteAsync((IEnumerable<string>)null!, cancellationToken: Harness.Ct));
            var emptyList = await Assert.ThrowsAsync<ArgumentException>(() => client.CompleteAsync(Array.Empty<string>(), cancellationToken: Harness.Ct));
            var nullItem = await Assert.ThrowsAsync<ArgumentException>(() => client.CompleteAsync(["a", null!], cancellationToken: Harness.Ct));
            var emptyItem = Assert.Throws<ArgumentException>(() => client.CompleteStreamingAsync(["a", "b", ""], cancellationToken: Harness.Ct));
            Assert.Throws<ArgumentException>(() => client.CompleteStreamingAsync("", cancellationToken: Harness.Ct));

            Assert.Equal("prompt", nullPrompt.ParamName);
            Assert.Equal(("prompt", "The prompt must not be empty. (Parameter 'prompt')"), (emptyPrompt.ParamName, emptyPrompt.Message));
            Assert.Equal("prompts", nullList.ParamName);
            Assert.StartsWith("At least one prompt is required.", emptyList.Message, StringComparison.Ordinal);
            Assert.StartsWith("The prompt at index 1 is null.", nullItem.Message, StringComparison.Ordinal);
            Assert.StartsWith("The prompt at index 2 is empty.", emptyItem.Message, StringComparison.Ordinal);
            Assert.Empty(harness.Handler.Requests);
        }

        [Fact]
        public async Task Bad_stop_sequences_and_model_ids_are_refused()
        {
            using var harness = new Harness();
            NexLLMCompletionClient client = harness.Client.GetCompletionClient(Model);

            var nullStop = await Assert.ThrowsAsync<ArgumentException>(() => client.CompleteAsync("Hi", new() { Stop = ["a", null!] }, Harness.Ct));
            var emptyStop = await Assert.ThrowsAsync<ArgumentException>(() => client.CompleteAsync("Hi", new() { Stop = [""] }, Harness.Ct));
            var model = await Assert.ThrowsAsync<ArgumentException>(() => client.CompleteAsync("Hi", new() { ModelId = "a\r\nb" }, Harness.Ct));

            Assert.Equal(("options.Stop", "options.Stop", "options.ModelId"), (nullStop.ParamName, emptyStop.ParamName, model.ParamName));
            Assert.StartsWith("The stop sequence at index 1 is null.", nullStop.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => harness.Client.GetCompletionClient(" "));
            Assert.Throws<ArgumentNullException>(() => harness.Client.GetCompletionClient(null!));
            Assert.Throws<ArgumentException>(() => harness.Client.GetCompletionClient("gpt\n"));
            Assert.Empty(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_value_JSON_cannot_hold_is_an_ArgumentException_naming_its_key()
        {
            using var harness = new Harness();
            var options = new NexLLMCompletionOptions { AdditionalProperties = new() { ["callback"] = (Action)(() => { }) } };

            var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.GetCompletionClient(Model).CompleteAsync("Hi", options, Harness.Ct));

            Assert.Contains("NexLLMCompletionOptions.AdditionalProperties[\"callback\"]", error.Message, StringComparison.Ordinal);
            Assert.Empty(harness.Handler.Requests);
        }
    }
}
