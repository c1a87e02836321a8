namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>The client event types the emulator answers (openai-python beta <c>realtime_client_event.py</c>, less the ones it does not play).</summary>
internal static class RealtimeClientEvents
{
    /// <summary>The supported types, quoted for an <c>invalid_value</c> message.</summary>
    public const string Supported =
        "'session.update', 'input_audio_buffer.append', 'input_audio_buffer.commit', 'input_audio_buffer.clear', " +
        "'conversation.item.create', 'conversation.item.retrieve', 'conversation.item.truncate', " +
        "'conversation.item.delete', 'response.create', and 'response.cancel'";
}
