using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using static NexLLM.Connectors.IntegrationTests.Realtime.RealtimeLoopback;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>
/// Our realtime client against the emulator's realtime route, end to end over a real WebSocket: a text turn, and a tool
/// call answered by M.E.AI's <see cref="FunctionInvokingRealtimeClient"/> with the response continued.
/// </summary>
public sealed class RealtimeClientEmulatorTests : EmulatorTest
{
    [Fact]
    public async Task A_text_turn_streams_the_reply_and_ends_with_usage()
    {
        await using IRealtimeClientSession session = await Client.GetRealtimeClient(Model).CreateSessionAsync(
            new RealtimeSessionOptions { Instructions = "Be brief.", OutputModalities = ["text"] }, TestCancellation);
        await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("Describe a lighthouse.")], role: ChatRole.User)), TestCancellation);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), TestCancellation);

        List<RealtimeServerMessage> messages = await ReadResponsesAsync(session, 1, TestCancellation);

        Assert.NotEmpty(TextOf(messages));
        Assert.True(messages.Count(m => m.Type == RealtimeServerMessageType.OutputTextDelta) > 1, "the reply arrived in one piece");
        var done = Assert.IsType<ResponseCreatedRealtimeServerMessage>(messages[^1]);
        Assert.True(done.Usage!.InputTokenCount > 0 && done.Usage.OutputTokenCount > 0, $"usage {done.Usage.InputTokenCount}/{done.Usage.OutputTokenCount}");
        Assert.Contains(messages, static m => m.Type.Value == "session.created");
        EmulatorRequest handshake = Assert.Single(RequestsTo("/v1/realtime"));
        Assert.Equal("realtime=v1", handshake.Headers["openai-beta"]);
    }

    [Fact]
    public async Task A_tool_call_is_invoked_and_the_answer_uses_its_result()
    {
        var weather = new Weather();
        IRealtimeClient realtime = Client.GetRealtimeClient(Model).AsBuilder().UseFunctionInvocation().Build();
        await using IRealtimeClientSession session = await realtime.CreateSessionAsync(
            new RealtimeSessionOptions { OutputModalities = ["text"], Tools = [weather.Function] }, TestCancellation);
        await session.SendAsync(new CreateConversationItemRealtimeClientMessage(
            new RealtimeConversationItem([new TextContent("What is the weather in Paris? Use the get_weather tool.")], role: ChatRole.User)), TestCancellation);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), TestCancellation);

        List<RealtimeServerMessage> messages = await ReadResponsesAsync(session, 2, TestCancellation);

        Assert.Equal(["Paris"], weather.Cities);
        Assert.Contains("18 degrees and sunny in Paris", TextOf(messages), StringComparison.Ordinal);
    }
}
