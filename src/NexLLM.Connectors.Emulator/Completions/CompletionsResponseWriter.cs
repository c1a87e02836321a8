using System.Text.Json;
using NexLLM.Connectors.Emulator.ChatCompletions;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Completions;

/// <summary>Renders the choices as a non-streamed <c>text_completion</c> (docs/protocols/completions.md#response), usage with new-api's extras.</summary>
internal static class CompletionsResponseWriter
{
    public const string ObjectType = "text_completion";

    public static byte[] Write(IReadOnlyList<CompletionChoice> choices, ChatUsage usage, ChatCompletionMeta meta) => JsonBuffer.ToBytes(w =>
    {
        meta.WriteStart(w, ObjectType);
        w.WriteStartArray("choices");
        foreach (CompletionChoice choice in choices)
        {
            WriteChoice(w, choice.Index, choice.Text, choice.FinishReason, choice.Logprobs is { } logprobs ? lw => logprobs.Write(lw, 0, logprobs.Count) : null);
        }

        w.WriteEndArray();
        GatewayUsageWriter.Write(w, usage);
        w.WriteEndObject();
    });

    /// <summary>Writes one choice object, <c>{"text","index","logprobs","finish_reason"}</c>, whole or as a stream fragment.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="index">The choice's index.</param>
    /// <param name="text">Its text, or the piece of it a chunk carries.</param>
    /// <param name="finishReason">Its finish reason, or <see langword="null"/> on a chunk that does not end it.</param>
    /// <param name="writeLogprobs">Writes its <c>logprobs</c> property, or <see langword="null"/> for <c>"logprobs":null</c>.</param>
    public static void WriteChoice(Utf8JsonWriter w, int index, string text, string? finishReason, Action<Utf8JsonWriter>? writeLogprobs)
    {
        w.WriteStartObject();
        w.WriteString("text", text);
        w.WriteNumber("index", index);
        if (writeLogprobs is not null)
        {
            writeLogprobs(w);
        }
        else
        {
            w.WriteNull("logprobs");
        }

        JsonBuffer.WriteStringOrNull(w, "finish_reason", finishReason);
        w.WriteEndObject();
    }
}
