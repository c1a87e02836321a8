using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// Renders the choices of a reply as a non-streamed <c>chat.completion</c> (docs/protocols/chat-completions.md): one
/// choice per <c>n</c>, each with <c>logprobs</c> when they were asked for (<c>null</c> otherwise).
/// </summary>
internal static class ChatCompletionsResponseWriter
{
    /// <param name="choices">The reply of each choice (<see cref="ChatCompletionChoices"/>).</param>
    /// <param name="meta">The envelope fields.</param>
    /// <param name="topLogprobs">The request's <c>top_logprobs</c> when <c>logprobs</c> is true, else <see langword="null"/>.</param>
    /// <param name="settings">The emulator's settings (the reasoning field's name).</param>
    public static byte[] Write(IReadOnlyList<ChatEngineReply> choices, ChatCompletionMeta meta, int? topLogprobs, EmulatorSettings settings) => JsonBuffer.ToBytes(w =>
    {
        meta.WriteStart(w, "chat.completion");

        w.WriteStartArray("choices");
        for (int i = 0; i < choices.Count; i++)
        {
            var reply = choices[i];
            w.WriteStartObject();
            w.WriteNumber("index", i);
            WriteMessage(w, reply, settings);
            if (topLogprobs is { } top)
            {
                ChatLogprobsWriter.Write(w, top, Run(reply.Text), Run(reply.Refusal));
            }
            else
            {
                w.WriteNull("logprobs");
            }

            w.WriteString("finish_reason", OpenAIFinishReason.Of(reply));
            w.WriteEndObject();
        }

        w.WriteEndArray();

        GatewayUsageWriter.Write(w, ChatCompletionChoices.Usage(choices));
        w.WriteString("service_tier", "default");
        w.WriteEndObject();
    });

    private static TokenRun Run(string? text) => new(ChatLogprobsWriter.Tokens(text), 0);

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
