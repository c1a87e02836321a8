using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>The envelope fields shared by a response and all of its chunks.</summary>
/// <param name="Id">The completion id, <c>chatcmpl-…</c>.</param>
/// <param name="Created">The Unix time of creation.</param>
/// <param name="Model">The model, echoed from the request.</param>
internal sealed record ChatCompletionMeta(string Id, long Created, string Model)
{
    /// <summary>A fixed fingerprint: real ones identify the backend configuration.</summary>
    public const string SystemFingerprint = "fp_nexllm0emu";

    public static ChatCompletionMeta New(string model) =>
        new("chatcmpl-" + RequestIds.RandomToken(29), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), model);

    /// <summary>Opens the object and writes the envelope fields every response and chunk start with.</summary>
    public void WriteStart(Utf8JsonWriter writer, string objectType)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("object", objectType);
        writer.WriteNumber("created", Created);
        writer.WriteString("model", Model);
        writer.WriteString("system_fingerprint", SystemFingerprint);
    }
}
