using System.Text.Json;
using NexLLM.Connectors.Emulator;
using static NexLLM.Connectors.IntegrationTests.Realtime.RealtimeTestSocket;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>The GA mode (GA names and session shape, GA client shapes accepted) and responses that are cancelled or overlap.</summary>
public sealed partial class RealtimeEmulatorTests
{
    [Fact]
    public async Task GaMode_SpeaksGaNames_AndReadsAGaSessionUpdate()
    {
        await using var ga = await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { RealtimeGaEvents = true }, TestCancellation);
        await using var socket = await ConnectAsync(ga, "gpt-realtime", cancellationToken: TestCancellation);
        var created = (await socket.ReceiveAsync())!.Value.GetProperty("session");

        await socket.SendAsync("""
            {"type":"session.update","session":{"type":"realtime","output_modalities":["text"],"instructions":"Be brief.",
            "audio":{"input":{"format":{"type":"audio/pcmu"},"turn_detection":null},"output":{"voice":"marin"}},"max_output_tokens":300}}
            """);
        var updated = (await socket.ReceiveAsync())!.Value;
        await socket.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello there, how are you today?"}]}}""");
        var added = await socket.ReceiveUntilAsync("conversation.item.done");
        await socket.SendAsync("""{"type":"response.create"}""");
        var events = await socket.ReceiveUntilAsync("response.done");

        Assert.Equal(("realtime", """["audio"]"""), (created.GetProperty("type").GetString(), created.GetProperty("output_modalities").GetRawText()));
        Assert.Equal("session.updated", Type(updated));
        var s = updated.GetProperty("session");
        Assert.Equal("""["text"]""", s.GetProperty("output_modalities").GetRawText());
        Assert.Equal(("audio/pcmu", "marin"), (s.GetProperty("audio").GetProperty("input").GetProperty("format").GetProperty("type").GetString(), s.GetProperty("audio").GetProperty("output").GetProperty("voice").GetString()));
        Assert.Equal(JsonValueKind.Null, s.GetProperty("audio").GetProperty("input").GetProperty("turn_detection").ValueKind);
        Assert.Equal(300, s.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal(["conversation.item.added", "conversation.item.done"], added.Select(Type));
        string[] types = [.. events.Select(Type)];
        Assert.Contains("response.output_text.delta", types);
        Assert.Contains("response.output_text.done", types);
        Assert.DoesNotContain("response.text.delta", types);
        Assert.DoesNotContain("conversation.item.created", types);
        Assert.Equal("output_text", events.Single(e => Type(e) == "response.content_part.added").GetProperty("part").GetProperty("type").GetString());
        Assert.Equal("""["text"]""", events[^1].GetProperty("response").GetProperty("output_modalities").GetRawText());
    }

    [Fact]
    public async Task ResponseCancel_EndsTheActiveResponse_WithStatusCancelled()
    {
        // Ten seconds between events: the cancel arrives during the first pause, which it cuts short.
        await using var slow = await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { StreamChunkDelay = TimeSpan.FromSeconds(10) }, TestCancellation);
        await using var socket = await ConnectAsync(slow, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync(TextOnly);
        await socket.ReceiveUntilAsync("session.updated");
        await socket.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Tell me a long story."}]}}""");
        await socket.ReceiveAsync();

        await socket.SendAsync("""{"type":"response.create"}""");
        var started = (await socket.ReceiveAsync())!.Value;
        await socket.SendAsync("""{"event_id":"again","type":"response.create"}""");
        var refused = (await socket.ReceiveAsync())!.Value;
        await socket.SendAsync("""{"type":"response.cancel"}""");
        var events = await socket.ReceiveUntilAsync("response.done");

        Assert.Equal("response.created", Type(started));
        Assert.Equal(("conversation_already_has_active_response", "again"), (refused.GetProperty("error").GetProperty("code").GetString(), refused.GetProperty("error").GetProperty("event_id").GetString()));
        var response = events[^1].GetProperty("response");
        Assert.Equal(("cancelled", "client_cancelled"), (response.GetProperty("status").GetString(), response.GetProperty("status_details").GetProperty("reason").GetString()));
        Assert.Equal(started.GetProperty("response").GetProperty("id").GetString(), response.GetProperty("id").GetString());
    }
}
