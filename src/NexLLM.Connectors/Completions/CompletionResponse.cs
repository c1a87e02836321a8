using System.Text.Json;
using System.Text.Json.Serialization;
using NexLLM.Connectors.Chat;

namespace NexLLM.Connectors.Completions;

// Wire types of POST /v1/completions, response side: the body and every stream chunk have this one shape
// (docs/protocols/completions.md#response, #streaming). Only what we map is declared; `object` is not read, since the usage chunk
// new-api writes itself says "chat.completion.chunk" (docs/protocols/completions.md#through-the-gateway).

internal sealed class CompletionResponse
{
    public string? Id { get; set; }

    public long? Created { get; set; }

    public string? Model { get; set; }

    public List<CompletionResponseChoice?>? Choices { get; set; }

    public OpenAIUsage? Usage { get; set; }

    /// <summary>Gets or sets an error object: an in-stream error (<c>data: {"error":{...}}</c>), or a 200 body some servers answer with.</summary>
    public JsonElement? Error { get; set; }
}

internal sealed class CompletionResponseChoice
{
    public int Index { get; set; }

    /// <summary>Gets or sets the text; in a stream a fragment, which may end or start with half a surrogate pair (see <see cref="FragmentStringConverter"/>).</summary>
    [JsonConverter(typeof(FragmentStringConverter))]
    public string? Text { get; set; }

    /// <summary>Gets or sets the <c>logprobs</c> object; a JSON <c>null</c> (none asked for) reads as <see langword="null"/>.</summary>
    public JsonElement? Logprobs { get; set; }

    public string? FinishReason { get; set; }
}
