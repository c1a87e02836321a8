#pragma warning disable OPENAI002 // the SDK marks its realtime client experimental
using System.ClientModel;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using OpenAI.Realtime;
using RealtimeSessionOptions = Microsoft.Extensions.AI.RealtimeSessionOptions;

namespace NexLLM.Connectors.IntegrationTests.Peers;

/// <summary>
/// Microsoft.Extensions.AI.OpenAI's own <see cref="OpenAIRealtimeClient"/> (over OpenAI 2.15's realtime client, which
/// speaks the GA protocol) holds a text turn with the emulator in GA mode (<see cref="NexLLMEmulatorOptions.RealtimeGaEvents"/>):
/// proof that the GA names and client shapes are OpenAI's, not just what our own client expects.
/// </summary>
public sealed class OpenAIRealtimePeerTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.RealtimeGaEvents = true;
        return options;
    }

    [Fact]
    public async Task ATextTurn_StreamsTheReply_AndEndsWithResponseDone()
    {
        var sdk = new RealtimeClient(new ApiKeyCredential(Emulator.ApiKey), new RealtimeClientOptions { Endpoint = Emulator.Endpoint });
        using var client = new OpenAIRealtimeClient(sdk, "gpt-realtime");
        await using var session = await client.CreateSessionAsync(
            new RealtimeSessionOptions { OutputModalities = ["text"], Instructions = "Be brief." },
            TestCancellation);

        await session.SendAsync(
            new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("Hello there, how are you today?")], role: ChatRole.User)),
            TestCancellation);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), TestCancellation);

        var deltas = new List<string>();
        string? done = null;
        ResponseCreatedRealtimeServerMessage? finished = null;
        await foreach (var message in session.GetStreamingResponseAsync(TestCancellation))
        {
            Assert.NotEqual(RealtimeServerMessageType.Error, message.Type);

            // M.E.AI 10.11 maps GA text events to RawContentOnly messages: the SDK's typed update is their RawRepresentation.
            switch (message.RawRepresentation)
            {
                case RealtimeServerUpdateResponseOutputTextDelta delta:
                    deltas.Add(delta.Delta);
                    break;
                case RealtimeServerUpdateResponseOutputTextDone textDone:
                    done = textDone.Text;
                    break;
            }

            if (message.Type == RealtimeServerMessageType.ResponseDone)
            {
                finished = message as ResponseCreatedRealtimeServerMessage;
                break;
            }
        }

        Assert.True(deltas.Count >= 2, $"expected several text deltas, got {deltas.Count}");
        Assert.Contains("Hello there", string.Concat(deltas), StringComparison.Ordinal);
        Assert.Equal(string.Concat(deltas), done);
        Assert.NotNull(finished);
        Assert.True(finished.Usage?.OutputTokenCount > 0);
        Assert.Single(Emulator.Requests, r => r.Path == "/v1/realtime");
    }
}
