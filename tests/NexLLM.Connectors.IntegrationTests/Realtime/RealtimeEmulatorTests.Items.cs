using System.Text.Json;
using static NexLLM.Connectors.IntegrationTests.Realtime.RealtimeTestSocket;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>The item events beside create: retrieve, delete, and truncate of an assistant's audio (the user interrupted it).</summary>
public sealed partial class RealtimeEmulatorTests
{
    [Fact]
    public async Task Retrieve_AnswersTheItem_AndDelete_RemovesIt_SoASecondRetrieveIsAnError()
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync("""{"type":"conversation.item.create","item":{"id":"item_kept","type":"message","role":"user","content":[{"type":"input_text","text":"Remember me."}]}}""");
        await socket.ReceiveUntilAsync("conversation.item.created");

        await socket.SendAsync("""{"type":"conversation.item.retrieve","item_id":"item_kept"}""");
        JsonElement retrieved = (await socket.ReceiveUntilAsync("conversation.item.retrieved"))[^1].GetProperty("item");
        await socket.SendAsync("""{"type":"conversation.item.delete","item_id":"item_kept"}""");
        JsonElement deleted = (await socket.ReceiveUntilAsync("conversation.item.deleted"))[^1];
        await socket.SendAsync("""{"type":"conversation.item.retrieve","event_id":"again","item_id":"item_kept"}""");
        JsonElement error = (await socket.ReceiveUntilAsync("error"))[^1].GetProperty("error");

        Assert.Equal(("item_kept", "Remember me."), (retrieved.GetProperty("id").GetString(), retrieved.GetProperty("content")[0].GetProperty("text").GetString()));
        Assert.Equal("item_kept", deleted.GetProperty("item_id").GetString());
        Assert.Equal(("item_not_found", "item_id", "again"), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString(), error.GetProperty("event_id").GetString()));
    }

    [Fact]
    public async Task Truncate_CutsAnAssistantsAudio_AndDropsItsTranscript_ButNotBeyondItsLength()
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync("""{"type":"session.update","session":{"modalities":["audio","text"],"turn_detection":null}}""");
        await socket.ReceiveUntilAsync("session.updated");
        await socket.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Tell me about tones."}]}}""");
        await socket.ReceiveUntilAsync("conversation.item.created");
        await socket.SendAsync("""{"type":"response.create"}""");
        JsonElement answer = (await socket.ReceiveUntilAsync("response.done"))[^1].GetProperty("response").GetProperty("output")[0];
        string itemId = answer.GetProperty("id").GetString()!;

        await socket.SendAsync($$"""{"type":"conversation.item.truncate","item_id":"{{itemId}}","content_index":0,"audio_end_ms":3600000}""");
        JsonElement tooLong = (await socket.ReceiveUntilAsync("error"))[^1].GetProperty("error");
        await socket.SendAsync($$"""{"type":"conversation.item.truncate","item_id":"{{itemId}}","content_index":0,"audio_end_ms":500}""");
        JsonElement truncated = (await socket.ReceiveUntilAsync("conversation.item.truncated"))[^1];
        await socket.SendAsync($$"""{"type":"conversation.item.retrieve","item_id":"{{itemId}}"}""");
        JsonElement after = (await socket.ReceiveUntilAsync("conversation.item.retrieved"))[^1].GetProperty("item");

        Assert.Equal(("invalid_value", "audio_end_ms"), (tooLong.GetProperty("code").GetString(), tooLong.GetProperty("param").GetString()));
        Assert.Equal((itemId, 0, 500), (truncated.GetProperty("item_id").GetString(), truncated.GetProperty("content_index").GetInt32(), truncated.GetProperty("audio_end_ms").GetInt32()));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("content")[0].GetProperty("transcript").ValueKind);
    }

    [Fact]
    public async Task Truncate_OfAUserTextItem_IsAnError()
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync("""{"type":"conversation.item.create","item":{"id":"item_text","type":"message","role":"user","content":[{"type":"input_text","text":"Hi."}]}}""");
        await socket.ReceiveUntilAsync("conversation.item.created");

        await socket.SendAsync("""{"type":"conversation.item.truncate","item_id":"item_text","content_index":0,"audio_end_ms":0}""");
        JsonElement error = (await socket.ReceiveUntilAsync("error"))[^1].GetProperty("error");

        Assert.Equal(("invalid_value", "content_index"), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
    }
}
