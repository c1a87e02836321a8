using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>Renders a reply as a non-streamed <c>chat.completion</c> (docs/protocols/chat-completions.md).</summary>
internal static class ChatCompletionsResponseWriter
{
    public static byte[] Write(ChatEngineReply reply, ChatCompletionMeta meta, EmulatorSettings settings) => JsonBuffer.ToBytes(w =>
    {
        meta.WriteStart(w, "chat.completion");

        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        WriteMessage(w, reply, settings);
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", OpenAIFinishReason.Of(reply));
        w.WriteEndObject();
        w.WriteEndArray();

        GatewayUsageWriter.Write(w, reply.Usage);
        w.WriteString("service_tier", "default");
        w.WriteEndObject();
    });

    private static void WriteMessage(Utf8JsonWriter w, ChatEngineReply reply, EmulatorSettings settings)
    {
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");

        // OpenAI sends content null next to tool calls (and when there is only a refusal).
        if (reply.Text is { } text && (text.Length > 0 || reply.ToolCalls.Count == 0))
        {
            w.WriteString("content", text);
        }
        else
        {
            w.WriteNull("content");
        }

        if (reply.Refusal is { } refusal)
        {
            w.WriteString("refusal", refusal);
        }
        else
        {
            w.WriteNull("refusal");
        }

        if (reply.Reasoning is { } reasoning)
        {
            // Non-standard: reasoning_content (DeepSeek style) or reasoning (OpenRouter style), docs/protocols/chat-completions.md.
            w.WriteString(settings.ReasoningField, reasoning);
        }

        if (reply.ToolCalls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (var call in reply.ToolCalls)
            {
                w.WriteStartObject();
                w.WriteString("id", call.Id);
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", call.ArgumentsJson);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
