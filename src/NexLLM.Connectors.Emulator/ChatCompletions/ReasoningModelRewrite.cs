using System.Text.Json;
using System.Text.Json.Nodes;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// What new-api's OpenAI adaptor does to a chat request before sending it upstream (new-api
/// relay/channel/openai/adaptor.go <c>ConvertOpenAIRequest</c>, docs/protocols/chat-completions.md#through-the-gateway), for
/// models whose name starts with <c>o</c> or <c>gpt-5</c> (a plain prefix test, case-sensitive, as in Go):
/// <list type="bullet">
/// <item>a non-zero <c>max_tokens</c> becomes <c>max_completion_tokens</c> when that is absent or 0;</item>
/// <item><c>temperature</c> is removed (<c>o*</c> and <c>gpt-5*</c>);</item>
/// <item><c>top_p</c> and <c>logprobs</c> are removed (<c>gpt-5*</c>; <c>top_logprobs</c> stays).</item>
/// </list>
/// So what the reasoning models refuse never reaches them, and the emulator answers (and checks, in strict mode) the request
/// as rewritten. Its leading <c>system</c> message also becomes <c>developer</c>, which changes nothing here (both are
/// instructions to the engine). The client's own bytes stay in the recording.
/// </summary>
internal static class ReasoningModelRewrite
{
    /// <summary>Returns the body as new-api sends it upstream (the same element when nothing changes).</summary>
    public static JsonElement Apply(JsonElement root)
    {
        string model = JsonRead.Text(root, "model") ?? "";
        bool oSeries = model.StartsWith('o');
        bool gpt5 = model.StartsWith("gpt-5", StringComparison.Ordinal);
        if (!oSeries && !gpt5)
        {
            return root;
        }

        var body = JsonNode.Parse(root.GetRawText())!.AsObject();
        long maxCompletionTokens = JsonRead.Integer(root, "max_completion_tokens") ?? 0;
        long maxTokens = JsonRead.Integer(root, "max_tokens") ?? 0;
        if (maxCompletionTokens == 0 && maxTokens != 0)
        {
            body["max_completion_tokens"] = maxTokens;
            body.Remove("max_tokens");
        }

        body.Remove("temperature");
        if (gpt5)
        {
            body.Remove("top_p");
            body.Remove("logprobs");
        }

        using var document = JsonDocument.Parse(body.ToJsonString());
        return document.RootElement.Clone();
    }
}
