using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using static NexLLM.Connectors.IntegrationTests.Realtime.RealtimeLoopback;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>
/// Our realtime client against the emulator's realtime route, end to end over a real WebSocket: a text turn, and a tool
/// call answered by M.E.AI's <see cref="FunctionInvokingRealtimeClient"/> with the response continued, and an audio turn
/// whose question and answer are both real speech in the emulator's tone code (the speech and transcription routes prove it).
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
    public async Task A_responses_additional_properties_travel_as_metadata_and_come_back_on_the_response()
    {
        await using IRealtimeClientSession session = await Client.GetRealtimeClient(Model).CreateSessionAsync(
            new RealtimeSessionOptions { OutputModalities = ["text"] }, TestCancellation);
        await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("Hi.")], role: ChatRole.User)), TestCancellation);
        await session.SendAsync(new CreateResponseRealtimeClientMessage { AdditionalProperties = new() { ["turn"] = "t-7" } }, TestCancellation);

        List<RealtimeServerMessage> messages = await ReadResponsesAsync(session, 1, TestCancellation);

        var created = Assert.IsType<ResponseCreatedRealtimeServerMessage>(messages.First(static m => m.Type == RealtimeServerMessageType.ResponseCreated));
        var done = Assert.IsType<ResponseCreatedRealtimeServerMessage>(messages[^1]);
        Assert.Equal("t-7", created.AdditionalProperties?["turn"]);
        Assert.Equal("t-7", done.AdditionalProperties?["turn"]);
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

    [Fact]
    public async Task An_audio_turn_is_transcribed_and_answered_with_audio_that_carries_its_transcript()
    {
        const string Question = "Describe a lighthouse.";
        TextToSpeechResponse question = await Client.GetTextToSpeechClient("tts-1").GetAudioAsync(
            Question, new TextToSpeechOptions { AudioFormat = "pcm" }, TestCancellation);
        byte[] pcm = Assert.IsType<DataContent>(Assert.Single(question.Contents)).Data.ToArray();

        await using IRealtimeClientSession session = await Client.GetRealtimeClient(Model).CreateSessionAsync(
            AudioTurnOptions(),
            TestCancellation);
        foreach (byte[] chunk in pcm.Chunk(8192))
        {
            await session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(chunk, "audio/pcm")), TestCancellation);
        }

        await session.SendAsync(new InputAudioBufferCommitRealtimeClientMessage(), TestCancellation);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), TestCancellation);
        List<RealtimeServerMessage> messages = await ReadResponsesAsync(session, 1, TestCancellation);

        var heard = Assert.Single(messages.OfType<InputAudioTranscriptionRealtimeServerMessage>(), static m => m.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted);
        Assert.Equal(Question, heard.Transcription);
        var parts = messages.OfType<OutputTextAudioRealtimeServerMessage>().ToList();
        byte[] answer = [.. parts.Where(static m => m.Type == RealtimeServerMessageType.OutputAudioDelta).SelectMany(static m => Convert.FromBase64String(m.Audio!))];
        string transcript = string.Concat(parts.Where(static m => m.Type == RealtimeServerMessageType.OutputAudioTranscriptionDelta).Select(static m => m.Text));
        Assert.NotEmpty(transcript);
        Assert.True(answer.Length > 0 && answer.Length % 2 == 0, $"{answer.Length} bytes of 16-bit audio");

        // The answer's audio says its transcript: the transcription route decodes it back (as a WAV file).
        SpeechToTextResponse decoded = await Client.GetSpeechToTextClient("whisper-1").GetTextAsync(new MemoryStream(Wav(answer)), cancellationToken: TestCancellation);
        Assert.Equal(transcript, decoded.Text);
    }

    /// <summary>16-bit mono PCM at 24 kHz in a WAV file: the 44-byte RIFF header, then the samples.</summary>
    private static byte[] Wav(byte[] pcm)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + pcm.Length);
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)1);
            writer.Write(24000);
            writer.Write(24000 * 2);
            writer.Write((short)2);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(pcm.Length);
            writer.Write(pcm);
        }

        return stream.ToArray();
    }
}
