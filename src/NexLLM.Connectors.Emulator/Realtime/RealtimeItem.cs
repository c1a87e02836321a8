using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>A conversation item (openai-python beta <c>conversation_item.py</c>): a message, a function call or a function call's output.</summary>
internal sealed record RealtimeItem
{
    public string Id { get; init; } = NewId();

    /// <summary>Gets the item type: <c>message</c>, <c>function_call</c> or <c>function_call_output</c>.</summary>
    public required string Type { get; init; }

    public string? Role { get; init; }

    public IReadOnlyList<RealtimeContentPart> Content { get; init; } = [];

    public string? CallId { get; init; }

    public string? Name { get; init; }

    public string? Arguments { get; init; }

    public string? Output { get; init; }

    /// <summary>Gets the status: <c>completed</c>, or <c>in_progress</c> / <c>incomplete</c> on a response's items.</summary>
    public string Status { get; init; } = "completed";

    /// <summary>OpenAI's item ids: <c>item_</c> and 21 characters.</summary>
    public static string NewId() => "item_" + RequestIds.RandomToken(21);

    /// <summary>Writes the item object (<c>{id, object:"realtime.item", type, status, …}</c>).</summary>
    /// <param name="w">The writer.</param>
    /// <param name="name">The property name, or <see langword="null"/> for an array element.</param>
    public void Write(Utf8JsonWriter w, string? name)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("id", Id);
        w.WriteString("object", "realtime.item");
        w.WriteString("type", Type);
        w.WriteString("status", Status);
        switch (Type)
        {
            case "function_call":
                w.WriteString("name", Name);
                w.WriteString("call_id", CallId);
                w.WriteString("arguments", Arguments ?? "");
                break;
            case "function_call_output":
                w.WriteString("call_id", CallId);
                w.WriteString("output", Output ?? "");
                break;
            default:
                w.WriteString("role", Role);
                w.WriteStartArray("content");
                foreach (var part in Content)
                {
                    WritePart(w, part);
                }

                w.WriteEndArray();
                break;
        }

        w.WriteEndObject();
    }

    /// <summary>Writes a content part: text parts carry <c>text</c>, audio parts their <c>transcript</c> (null until known).</summary>
    public static void WritePart(Utf8JsonWriter w, RealtimeContentPart part, string? name = null)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("type", part.Type);
        if (part.Text is not null || part.Type.EndsWith("text", StringComparison.Ordinal))
        {
            w.WriteString("text", part.Text ?? "");
        }
        else
        {
            JsonBuffer.WriteStringOrNull(w, "transcript", part.Transcript);
        }

        w.WriteEndObject();
    }
}
