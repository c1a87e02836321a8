using System.Globalization;
using System.Text;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>Builds SSE bytes exactly as the gateway frames chat-completions streams (docs/protocols/gateway.md#sse-framing): <c>data: json\n\n</c>.</summary>
public static class Sse
{
    public const string Done = "data: [DONE]\n\n";

    public static string Data(string json) => $"data: {json}\n\n";

    /// <summary>The events, each framed, then <c>[DONE]</c>.</summary>
    public static string Stream(params string[] jsonEvents) => string.Concat(jsonEvents.Select(Data)) + Done;

    /// <summary>The events, each framed, without <c>[DONE]</c>.</summary>
    public static string Events(params string[] jsonEvents) => string.Concat(jsonEvents.Select(Data));
}

/// <summary>Chat-completions chunk JSON in the gateway's shape (docs/protocols/chat-completions.md, "Streaming").</summary>
public static class Chunk
{
    public const string DefaultId = "chatcmpl-1";

    public static string Of(string choicesJson, string id = DefaultId, string? usageJson = null) =>
        $"{{\"id\":\"{id}\",\"object\":\"chat.completion.chunk\",\"created\":1710000000,\"model\":\"gpt-4o-mini\",\"choices\":{choicesJson}"
        + (usageJson is null ? "}" : $",\"usage\":{usageJson}}}");

    public static string Delta(string deltaJson, string? finishReason = null, string id = DefaultId, int choice = 0) =>
        Of($"[{{\"index\":{choice},\"delta\":{deltaJson},\"logprobs\":null,\"finish_reason\":{(finishReason is null ? "null" : Json.Quote(finishReason))}}}]", id);

    public static string Role(string id = DefaultId) => Delta("{\"role\":\"assistant\",\"content\":\"\"}", id: id);

    public static string Text(string text, string id = DefaultId) => Delta($"{{\"content\":{Json.Quote(text, asciiOnly: false)}}}", id: id);

    public static string ReasoningContent(string text) => Delta($"{{\"reasoning_content\":{Json.Quote(text)}}}");

    public static string Refusal(string text) => Delta($"{{\"refusal\":{Json.Quote(text)}}}");

    /// <summary>A tool-call fragment; <paramref name="callId"/> and <paramref name="name"/> only on the first fragment of an index.</summary>
    public static string Tool(int index, string? callId, string? name, string? arguments)
    {
        var fields = new List<string> { $"\"index\":{index.ToString(CultureInfo.InvariantCulture)}" };
        if (callId is not null)
        {
            fields.Add($"\"id\":{Json.Quote(callId)},\"type\":\"function\"");
        }

        var function = new List<string>();
        if (name is not null)
        {
            function.Add($"\"name\":{Json.Quote(name)}");
        }

        if (arguments is not null)
        {
            function.Add($"\"arguments\":{Json.Quote(arguments)}");
        }

        fields.Add($"\"function\":{{{string.Join(",", function)}}}");
        return Delta($"{{\"tool_calls\":[{{{string.Join(",", fields)}}}]}}");
    }

    public static string Finish(string reason, string id = DefaultId) => Delta("{}", reason, id);

    public static string Usage(int prompt = 5, int completion = 7, string id = DefaultId) =>
        Of("[]", id, $"{{\"prompt_tokens\":{prompt},\"completion_tokens\":{completion},\"total_tokens\":{prompt + completion}}}");
}

/// <summary>JSON string literals written the way a Python server with <c>ensure_ascii</c> writes them.</summary>
public static class Json
{
    /// <summary>
    /// Quotes <paramref name="text"/> as a JSON string. With <paramref name="asciiOnly"/>, every non-ASCII UTF-16 unit is
    /// written as <c>\uXXXX</c>, lone surrogates included (as Python's <c>json.dumps</c> does); otherwise non-ASCII text is
    /// written raw.
    /// </summary>
    public static string Quote(string text, bool asciiOnly = true)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || (asciiOnly && c > 0x7E) || char.IsSurrogate(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
