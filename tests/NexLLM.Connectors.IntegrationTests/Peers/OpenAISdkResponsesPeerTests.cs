#pragma warning disable OPENAI001 // the SDK marks its whole Responses client experimental

using System.ClientModel;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using OpenAI.Responses;

namespace NexLLM.Connectors.IntegrationTests.Peers;

/// <summary>
/// The official OpenAI .NET SDK drives the emulator's <c>POST /v1/responses</c> through its <see cref="ResponsesClient"/>:
/// proof that the emulator speaks the real Responses protocol (docs/protocols/responses.md) — whole and streamed
/// responses, a tool round trip, stateless reasoning with encrypted content, and stored responses — not just what our
/// own client expects.
/// </summary>
public sealed class OpenAISdkResponsesPeerTests : EmulatorTest
{
    private const string WeatherQuestion = "What is the weather in Paris? Use the get_weather tool.";

    private ResponsesClient CreateSdkClient() =>
        new(new ApiKeyCredential(Emulator.ApiKey), new ResponsesClientOptions { Endpoint = Emulator.Endpoint });

    private static CreateResponseOptions Options(string model, params ResponseItem[] input) => new(model, input);

    [Fact]
    public async Task PlainResponse()
    {
        ResponseResult response = await CreateSdkClient().CreateResponseAsync(
            Options("gpt-4o-mini", ResponseItem.CreateUserMessageItem("What is an LLM gateway?")), TestCancellation);

        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal("gpt-4o-mini", response.Model);
        MessageResponseItem message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(response.OutputItems));
        Assert.StartsWith("msg_", message.Id, StringComparison.Ordinal);
        Assert.Contains("LLM gateway", response.GetOutputText(), StringComparison.Ordinal);
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > 0);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task StreamedResponse_DeltasAddUpToTheCompletedText()
    {
        var text = new StringBuilder();
        var sequenceNumbers = new List<int>();
        ResponseResult? completed = null;
        var options = Options("gpt-4o-mini", ResponseItem.CreateUserMessageItem("Explain streaming in two sentences."));
        options.StreamingEnabled = true;
        await foreach (StreamingResponseUpdate update in await CreateSdkClient().CreateResponseStreamingAsync(options, TestCancellation))
        {
            sequenceNumbers.Add(update.SequenceNumber);
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    text.Append(delta.Delta);
                    break;
                case StreamingResponseCompletedUpdate done:
                    completed = done.Response;
                    break;
            }
        }

        Assert.NotNull(completed);
        Assert.Equal(ResponseStatus.Completed, completed.Status);
        Assert.Equal(completed.GetOutputText(), text.ToString());
        Assert.Equal(Enumerable.Range(0, sequenceNumbers.Count), sequenceNumbers);
        Assert.True(completed.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task ToolCallRoundTrip()
    {
        var tool = ResponseTool.CreateFunctionTool(
            "get_weather",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}"""),
            strictModeEnabled: true,
            "Gets the current weather for a city.");
        List<ResponseItem> input = [ResponseItem.CreateUserMessageItem(WeatherQuestion)];
        CreateResponseOptions WithTool()
        {
            var options = Options("gpt-4o-mini", [.. input]);
            options.Tools.Add(tool);
            options.StoredOutputEnabled = false;
            return options;
        }

        ResponseResult first = await CreateSdkClient().CreateResponseAsync(WithTool(), TestCancellation);

        FunctionCallResponseItem call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(first.OutputItems));
        Assert.Equal("get_weather", call.FunctionName);
        Assert.StartsWith("fc_", call.Id, StringComparison.Ordinal);
        Assert.StartsWith("call_", call.CallId, StringComparison.Ordinal);
        using (var arguments = JsonDocument.Parse(call.FunctionArguments))
        {
            Assert.Equal("Paris", arguments.RootElement.GetProperty("city").GetString());
        }

        input.AddRange(first.OutputItems);
        input.Add(ResponseItem.CreateFunctionCallOutputItem(call.CallId, "18 degrees and sunny"));
        ResponseResult second = await CreateSdkClient().CreateResponseAsync(WithTool(), TestCancellation);

        Assert.Equal(ResponseStatus.Completed, second.Status);
        Assert.Contains("get_weather returned: 18 degrees and sunny", second.GetOutputText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatelessReasoning_TheEncryptedItemGoesBack_AndATamperedOneIsRefused()
    {
        List<ResponseItem> input = [ResponseItem.CreateUserMessageItem("What is two plus two?")];
        CreateResponseOptions Stateless()
        {
            var options = Options("o4-mini", [.. input]);
            options.StoredOutputEnabled = false;
            options.IncludedProperties.Add(IncludedResponseProperty.ReasoningEncryptedContent);
            options.ReasoningOptions = new ResponseReasoningOptions { ReasoningSummaryVerbosity = ResponseReasoningSummaryVerbosity.Auto };
            return options;
        }

        ResponseResult first = await CreateSdkClient().CreateResponseAsync(Stateless(), TestCancellation);

        ReasoningResponseItem reasoning = Assert.IsType<ReasoningResponseItem>(first.OutputItems[0]);
        Assert.StartsWith("rs_", reasoning.Id, StringComparison.Ordinal);
        Assert.StartsWith("gAAAAA", reasoning.EncryptedContent, StringComparison.Ordinal);
        Assert.Contains("two plus two", reasoning.GetSummaryText(), StringComparison.Ordinal);
        Assert.True(first.Usage.OutputTokenDetails.ReasoningTokenCount > 0);

        input.AddRange(first.OutputItems);
        input.Add(ResponseItem.CreateUserMessageItem("And three plus three?"));
        ResponseResult second = await CreateSdkClient().CreateResponseAsync(Stateless(), TestCancellation);
        Assert.Equal(ResponseStatus.Completed, second.Status);

        // One character changed in the sealed reasoning: the emulator, like OpenAI, cannot verify it.
        reasoning.EncryptedContent = reasoning.EncryptedContent[..^4] + (reasoning.EncryptedContent[^4] == 'A' ? 'B' : 'A') + reasoning.EncryptedContent[^3..];
        var error = await Assert.ThrowsAsync<ClientResultException>(() => CreateSdkClient().CreateResponseAsync(Stateless(), TestCancellation));
        Assert.Equal(400, error.Status);
        JsonElement body = ErrorOf(error);
        Assert.Equal("invalid_encrypted_content", body.GetProperty("code").GetString());
        Assert.Contains("could not be verified", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviousResponseId_ContinuesAStoredResponse_AndNotAnUnstoredOne()
    {
        ResponsesClient client = CreateSdkClient();
        var stored = Options("gpt-4o-mini", ResponseItem.CreateUserMessageItem("Remember the word 'kiwi'."));
        ResponseResult first = await client.CreateResponseAsync(stored, TestCancellation);
        Assert.True(first.Usage.InputTokenCount > 0);

        var next = Options("gpt-4o-mini", ResponseItem.CreateUserMessageItem("Which word?"));
        next.PreviousResponseId = first.Id;
        ResponseResult second = await client.CreateResponseAsync(next, TestCancellation);
        Assert.Equal(ResponseStatus.Completed, second.Status);
        Assert.Equal(first.Id, second.PreviousResponseId);
        Assert.True(second.Usage.InputTokenCount > first.Usage.InputTokenCount + first.Usage.OutputTokenCount, "the stored conversation is part of the input");

        var unstored = Options("gpt-4o-mini", ResponseItem.CreateUserMessageItem("Remember the word 'fig'."));
        unstored.StoredOutputEnabled = false;
        ResponseResult forgotten = await client.CreateResponseAsync(unstored, TestCancellation);
        next.PreviousResponseId = forgotten.Id;
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseAsync(next, TestCancellation));
        Assert.Equal(400, error.Status);
        JsonElement body = ErrorOf(error);
        Assert.Equal("previous_response_not_found", body.GetProperty("code").GetString());
        Assert.Equal("previous_response_id", body.GetProperty("param").GetString());
        Assert.StartsWith($"Previous response with id '{forgotten.Id}' not found.", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement ErrorOf(ClientResultException error) =>
        JsonDocument.Parse(error.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error").Clone();
}
