using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Completions;

/// <summary>The completion client against the emulator's <c>POST /v1/completions</c> over loopback (docs/protocols/completions.md).</summary>
public sealed class CompletionsClientTests : EmulatorTest
{
    private const string Model = "gpt-3.5-turbo-instruct";
    private const string Question = "What is the capital of France?";
    private const string Answer = "You asked about the capital of France.";

    private NexLLMCompletionClient Completions => Client.GetCompletionClient(Model);

    internal static async Task<(List<NexLLMCompletionUpdate> Updates, Exception? Error)> CollectAsync(IAsyncEnumerable<NexLLMCompletionUpdate> stream)
    {
        var updates = new List<NexLLMCompletionUpdate>();
        try
        {
            await foreach (NexLLMCompletionUpdate update in stream)
            {
                updates.Add(update);
            }

            return (updates, null);
        }
        catch (Exception ex)
        {
            return (updates, ex);
        }
    }

    /// <summary>Each choice's text, put together from its updates.</summary>
    internal static Dictionary<int, string> TextByChoice(IEnumerable<NexLLMCompletionUpdate> updates) =>
        updates.GroupBy(u => u.ChoiceIndex).ToDictionary(g => g.Key, g => string.Concat(g.Select(u => u.Text)));

    [Fact]
    public async Task A_prompt_is_answered_with_text_finish_reason_usage_and_the_request_id()
    {
        NexLLMCompletion completion = await Completions.CompleteAsync(Question, cancellationToken: TestCancellation);

        EmulatorRequest request = Assert.Single(RequestsTo("/v1/completions"));
        Assert.Equal("""{"model":"gpt-3.5-turbo-instruct","prompt":"What is the capital of France?"}""", request.BodyText);
        Assert.StartsWith(Answer, completion.Text, StringComparison.Ordinal);
        Assert.StartsWith("cmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal(Model, completion.ModelId);
        NexLLMCompletionChoice choice = Assert.Single(completion.Choices);
        Assert.Equal((0, ChatFinishReason.Stop), (choice.Index, choice.FinishReason));
        Assert.True(completion.Usage?.InputTokenCount > 0);
        Assert.Equal(completion.Usage?.InputTokenCount + completion.Usage?.OutputTokenCount, completion.Usage?.TotalTokenCount);
        Assert.Equal(request.RequestId, completion.RequestId);
        Assert.Equal("text_completion", Assert.IsType<JsonElement>(completion.RawRepresentation).GetProperty("object").GetString());
    }

    [Fact]
    public async Task The_streamed_text_equals_the_whole_text_and_the_last_update_has_the_usage_and_request_id()
    {
        NexLLMCompletion whole = await Completions.CompleteAsync(Question, cancellationToken: TestCancellation);
        var (updates, error) = await CollectAsync(Completions.CompleteStreamingAsync(Question, cancellationToken: TestCancellation));

        Assert.Null(error);
        Assert.True(updates.Count > 3, $"Expected several updates, got {updates.Count}.");
        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ChatFinishReason.Stop, Assert.Single(updates, u => u.FinishReason is not null).FinishReason);
        NexLLMCompletionUpdate last = updates[^1];
        Assert.Equal(whole.Usage?.TotalTokenCount, last.Usage?.TotalTokenCount);
        Assert.Equal(RequestsTo("/v1/completions")[1].RequestId, last.RequestId);
        Assert.Contains("\"stream\":true", RequestsTo("/v1/completions")[1].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task N_choices_come_back_whole_and_streamed_each_put_together_by_its_index()
    {
        var options = new NexLLMCompletionOptions { N = 3 };

        NexLLMCompletion whole = await Completions.CompleteAsync(Question, options, TestCancellation);
        var (updates, error) = await CollectAsync(Completions.CompleteStreamingAsync(Question, options, TestCancellation));

        Assert.Null(error);
        Assert.Equal([0, 1, 2], whole.Choices.Select(c => c.Index));
        Assert.All(whole.Choices, c => Assert.StartsWith(Answer, c.Text, StringComparison.Ordinal));
        Dictionary<int, string> streamed = TextByChoice(updates.Where(u => u.Usage is null));
        Assert.Equal([0, 1, 2], streamed.Keys.Order());
        Assert.All(whole.Choices, c => Assert.Equal(c.Text, streamed[c.Index]));
        Assert.Equal(3, updates.Count(u => u.FinishReason == ChatFinishReason.Stop));
    }

    [Fact]
    public async Task Several_prompts_get_their_choices_in_prompt_order()
    {
        NexLLMCompletion completion = await Completions.CompleteAsync(
            ["What is the capital of Italy?", "What is the capital of Spain?"], new NexLLMCompletionOptions { N = 2 }, TestCancellation);

        Assert.Equal(4, completion.Choices.Count);
        Assert.All(completion.Choices.Take(2), c => Assert.Contains("capital of Italy", c.Text, StringComparison.Ordinal));
        Assert.All(completion.Choices.Skip(2), c => Assert.Contains("capital of Spain", c.Text, StringComparison.Ordinal));
        Assert.Contains("\"prompt\":[\"What is the capital of Italy?\",\"What is the capital of Spain?\"]", Assert.Single(Emulator.Requests).BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_tokens_cuts_the_text_with_finish_reason_Length_streamed_or_not()
    {
        var options = new NexLLMCompletionOptions { MaxTokens = 3 };

        NexLLMCompletion whole = await Completions.CompleteAsync(Question, options, TestCancellation);
        var (updates, error) = await CollectAsync(Completions.CompleteStreamingAsync(Question, options, TestCancellation));

        Assert.Null(error);
        NexLLMCompletionChoice choice = Assert.Single(whole.Choices);
        Assert.Equal((ChatFinishReason.Length, "length"), (choice.FinishReason, choice.RawFinishReason));
        Assert.Equal("You asked ab", choice.Text); // about four characters per token
        Assert.Equal(choice.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Length);
    }

    [Fact]
    public async Task Stop_sequences_cut_the_text_before_them()
    {
        NexLLMCompletion completion = await Completions.CompleteAsync(Question, new() { Stop = ["France"] }, TestCancellation);

        Assert.Equal("You asked about the capital of ", completion.Text);
        Assert.Equal(ChatFinishReason.Stop, Assert.Single(completion.Choices).FinishReason);
    }

    [Fact]
    public async Task Echo_puts_the_prompt_first_streamed_or_not()
    {
        var options = new NexLLMCompletionOptions { Echo = true };

        NexLLMCompletion whole = await Completions.CompleteAsync(Question, options, TestCancellation);
        var (updates, _) = await CollectAsync(Completions.CompleteStreamingAsync(Question, options, TestCancellation));

        Assert.StartsWith(Question + Answer, whole.Text, StringComparison.Ordinal);
        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task Logprobs_cover_the_text_token_by_token_with_the_alternatives_asked_for()
    {
        NexLLMCompletion completion = await Completions.CompleteAsync(Question, new() { Logprobs = 2 }, TestCancellation);

        JsonElement logprobs = Assert.IsType<JsonElement>(Assert.Single(completion.Choices).Logprobs);
        string[] tokens = [.. logprobs.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!)];
        Assert.Equal(completion.Text, string.Concat(tokens));
        Assert.Equal(tokens.Length, logprobs.GetProperty("token_logprobs").GetArrayLength());
        Assert.All(logprobs.GetProperty("token_logprobs").EnumerateArray(), lp => Assert.True(lp.GetDouble() < 0));
        JsonElement first = logprobs.GetProperty("top_logprobs")[0];
        Assert.Equal(3, first.EnumerateObject().Count()); // the sampled token and two alternatives
        Assert.Equal(Question.Length, logprobs.GetProperty("text_offset")[0].GetInt32());
    }

    [Fact]
    public async Task Additional_properties_reach_the_request_as_top_level_fields()
    {
        var options = new NexLLMCompletionOptions
        {
            Suffix = "\n",
            AdditionalProperties = new() { ["best_of"] = 2, ["presence_penalty"] = 0.5, ["nexllm.note"] = "not sent" },
        };

        await Completions.CompleteAsync(Question, options, TestCancellation);

        JsonElement body = Assert.Single(Emulator.Requests).ParseJson();
        Assert.Equal(2, body.GetProperty("best_of").GetInt32());
        Assert.Equal(0.5, body.GetProperty("presence_penalty").GetDouble());
        Assert.Equal("\n", body.GetProperty("suffix").GetString());
        Assert.False(body.TryGetProperty("nexllm.note", out _));
    }

    [Fact]
    public async Task A_scripted_reply_is_every_choice_with_its_finish_reason()
    {
        Emulator.Enqueue(new EmulatorReply { Text = "Scripted.", FinishReason = "content_filter" });

        NexLLMCompletion completion = await Completions.CompleteAsync(Question, new() { N = 2 }, TestCancellation);

        Assert.All(completion.Choices, c => Assert.Equal(("Scripted.", ChatFinishReason.ContentFilter), (c.Text, c.FinishReason)));
    }

    [Fact]
    public async Task A_scripted_error_mid_stream_is_an_InStreamError_after_the_text_before_it()
    {
        Emulator.Enqueue(EmulatorReply.FromText("one two three four five six seven eight nine"), EmulatorFault.StreamError(afterChunks: 2));

        var (updates, error) = await CollectAsync(Completions.CompleteStreamingAsync(Question, cancellationToken: TestCancellation));

        Assert.Equal("one two three four five six", string.Concat(updates.Select(u => u.Text)));
        var inStream = Assert.IsType<NexLLMException>(error);
        Assert.Equal(NexLLMErrorKind.InStreamError, inStream.Kind);
        Assert.Equal(Assert.Single(Emulator.Requests).RequestId, inStream.RequestId);
    }

    [Fact]
    public async Task A_truncated_stream_is_a_TruncatedStream_and_is_not_retried()
    {
        Emulator.Enqueue(EmulatorFault.Truncate(afterChunks: 2));

        var (updates, error) = await CollectAsync(Completions.CompleteStreamingAsync(Question, cancellationToken: TestCancellation));

        Assert.Equal(2, updates.Count);
        Assert.Equal(NexLLMErrorKind.TruncatedStream, Assert.IsType<NexLLMException>(error).Kind);
        Assert.Single(Emulator.Requests);
    }

    [Fact]
    public async Task A_failover_after_text_is_an_InStreamError()
    {
        Emulator.Enqueue(EmulatorFault.Failover(afterChunks: 2));

        var (updates, error) = await CollectAsync(Completions.CompleteStreamingAsync(Question, cancellationToken: TestCancellation));

        Assert.Equal(2, updates.Count);
        Assert.Equal(NexLLMErrorKind.InStreamError, Assert.IsType<NexLLMException>(error).Kind);
    }

    [Fact]
    public async Task The_gateways_deferred_error_after_the_events_is_raised()
    {
        Emulator.Enqueue(EmulatorFault.RawStreamError(afterChunks: 1));

        var (updates, error) = await CollectAsync(Completions.CompleteStreamingAsync(Question, cancellationToken: TestCancellation));

        Assert.Single(updates);
        var deferred = Assert.IsType<NexLLMException>(error);
        Assert.Equal(NexLLMErrorKind.InStreamError, deferred.Kind);
    }

    [Fact]
    public async Task A_lenient_client_gets_the_request_id_on_the_last_update_of_a_truncated_stream()
    {
        Emulator.Enqueue(EmulatorFault.Truncate(afterChunks: 2));
        using NexLLMClient lenient = CreateClient(o => o.AllowIncompleteStreams = true);

        var (updates, error) = await CollectAsync(lenient.GetCompletionClient(Model).CompleteStreamingAsync(Question, cancellationToken: TestCancellation));

        Assert.Null(error);
        Assert.Equal(3, updates.Count);
        Assert.Equal(Assert.Single(Emulator.Requests).RequestId, updates[^1].RequestId);
    }
}
