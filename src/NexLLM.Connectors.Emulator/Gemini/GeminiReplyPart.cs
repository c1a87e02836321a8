using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// One part of a Gemini answer's <c>content.parts</c>, in the order Gemini sends them (docs/protocols/gemini.md): thought parts
/// (<c>{"text","thought":true,"thoughtSignature"}</c>), the text, then <c>functionCall</c> parts, each whole with its
/// <c>args</c> object and a <c>thoughtSignature</c>.
/// </summary>
/// <param name="Kind">The kind: <see cref="Thought"/>, <see cref="TextKind"/> or <see cref="FunctionCall"/>.</param>
/// <param name="Text">The thought or the text, or the call's arguments as JSON text.</param>
internal sealed record GeminiReplyPart(string Kind, string Text)
{
    public const string Thought = "thought";
    public const string TextKind = "text";
    public const string FunctionCall = "functionCall";

    /// <summary>Gets the <c>thoughtSignature</c> of a thought or a call.</summary>
    public string? Signature { get; init; }

    /// <summary>Gets the function name of a call.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the id of a call: only a scripted call that names one has it (Gemini's API sends none).</summary>
    public string? Id { get; init; }

    /// <summary>The parts of a reply, signed by <paramref name="signer"/>. A refusal is text (finish reason <c>SAFETY</c>).</summary>
    public static IReadOnlyList<GeminiReplyPart> From(ChatEngineReply reply, GeminiThoughtSigner signer)
    {
        var parts = new List<GeminiReplyPart>();
        if (reply.Reasoning is { Length: > 0 } reasoning)
        {
            parts.Add(new GeminiReplyPart(Thought, reasoning) { Signature = signer.SignThought(reasoning) });
        }

        if ((reply.Text ?? "") + (reply.Refusal ?? "") is { Length: > 0 } text)
        {
            parts.Add(new GeminiReplyPart(TextKind, text));
        }

        parts.AddRange(reply.ToolCalls.Select(call => new GeminiReplyPart(FunctionCall, call.ArgumentsJson)
        {
            Name = call.Name,
            Id = call.Id.Length > 0 ? call.Id : null,
            Signature = signer.SignFunctionCall(call.Name, call.ArgumentsJson),
        }));
        return parts;
    }

    /// <summary>Writes the whole part.</summary>
    public void WriteTo(Utf8JsonWriter w, bool withSignature = true)
    {
        switch (Kind)
        {
            case Thought:
                WriteThought(w, Text, withSignature ? Signature : null);
                break;
            case FunctionCall:
                w.WriteStartObject();
                w.WriteStartObject("functionCall");
                if (Id is not null)
                {
                    w.WriteString("id", Id);
                }

                w.WriteString("name", Name);
                JsonBuffer.WriteArguments(w, "args", Text);
                w.WriteEndObject();
                if (withSignature && Signature is not null)
                {
                    w.WriteString("thoughtSignature", Signature);
                }

                w.WriteEndObject();
                break;
            default:
                WriteText(w, Text);
                break;
        }
    }

    /// <summary>Writes a thought part (or a piece of one), with its signature when given.</summary>
    public static void WriteThought(Utf8JsonWriter w, string text, string? signature)
    {
        w.WriteStartObject();
        w.WriteString("text", text);
        w.WriteBoolean("thought", true);
        if (signature is not null)
        {
            w.WriteString("thoughtSignature", signature);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes a text part (or a piece of one).</summary>
    public static void WriteText(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("text", text);
        w.WriteEndObject();
    }
}
