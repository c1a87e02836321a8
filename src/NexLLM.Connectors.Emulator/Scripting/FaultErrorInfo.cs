using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Scripting;

/// <summary>
/// What an in-stream error fault says when its JSON was not given verbatim, so each wire format can render it in its
/// own shape (OpenAI's <c>{"error":{…}}</c>, Claude's <c>{"type":"error","error":{…}}</c>). A <see langword="null"/>
/// part takes the format's default (e.g. Claude's <c>overloaded_error</c> / <c>Overloaded</c>).
/// </summary>
/// <param name="Message">The error message.</param>
/// <param name="Type">The error type.</param>
/// <param name="Code">The error code (formats without one ignore it).</param>
internal sealed record FaultErrorInfo(string? Message, string? Type, string? Code)
{
    /// <summary>OpenAI's message for a generic server error.</summary>
    public const string ServerErrorMessage = "The server had an error while processing your request. Sorry about that!";

    /// <summary>The OpenAI in-stream error (docs/protocols/chat-completions.md): <c>{"error":{"message","type","param":null,"code"}}</c>, OpenAI's generic server error by default.</summary>
    public byte[] ToOpenAIStreamError() => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", Message ?? ServerErrorMessage);
        w.WriteString("type", Type ?? "server_error");
        w.WriteNull("param");
        JsonBuffer.WriteStringOrNull(w, "code", Code);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
