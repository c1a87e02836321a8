using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// new-api's checks of a <c>POST /v1/chat/completions</c> body (<c>GetAndValidateTextRequest</c>, new-api
/// relay/helper/valid_request.go). The body first unmarshals into <c>dto.GeneralOpenAIRequest</c>, so a
/// field of the wrong JSON type fails with Go's message whatever else the body holds; only then are a model, a sane
/// token limit and messages required. Failures are <see cref="FormatException"/>s for <see cref="RequestJson"/>, which
/// the endpoint answers with HTTP 500 <c>invalid_request</c>. This route has no upstream checks of its own: an
/// OpenAI-compatible upstream is assumed to accept what new-api lets through.
/// </summary>
internal static class ChatCompletionsRequestValidator
{
    private static readonly GoJsonFields Go = new("GeneralOpenAIRequest");

    /// <summary>Throws new-api's message when the body is refused.</summary>
    public static void CheckGatewayRules(JsonElement root)
    {
        CheckGeneralRequest(root);
        if (JsonRead.Items(root, "messages").Count == 0)
        {
            throw new FormatException("field messages is required");
        }
    }

    /// <summary>
    /// The checks of every body that unmarshals into <c>GeneralOpenAIRequest</c> (chat completions and legacy completions):
    /// Go's type errors, then a model and a sane token limit. The checks of each relay mode (messages, prompt) come after.
    /// </summary>
    public static void CheckGeneralRequest(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Go.NotAnObject(root.ValueKind);
        }

        string model = Go.OptionalString(root, "model") ?? "";
        Go.OptionalBool(root, "stream");
        long? completionTokens = Go.OptionalInteger(root, "max_completion_tokens", unsigned: true);
        long? maxTokens = Go.OptionalInteger(root, "max_tokens", unsigned: true);
        Go.CheckKind(root, "temperature", "float64", null, JsonValueKind.Number);
        Go.CheckKind(root, "top_p", "float64", null, JsonValueKind.Number);
        Go.CheckKind(root, "n", "int", null, JsonValueKind.Number);
        Go.CheckKind(root, "seed", "float64", null, JsonValueKind.Number);
        Go.CheckKind(root, "stream_options", "dto.StreamOptions", null, JsonValueKind.Object);
        Go.CheckKind(root, "response_format", "dto.ResponseFormat", null, JsonValueKind.Object);
        Go.CheckKind(root, "messages", "[]dto.Message", null, JsonValueKind.Array);
        Go.CheckKind(root, "tools", "[]dto.ToolCallRequest", null, JsonValueKind.Array);
        Go.OptionalBool(root, "parallel_tool_calls");
        Go.OptionalString(root, "reasoning_effort");
        CheckString(JsonRead.Object(root, "reasoning"), "effort", "reasoning.effort");
        CheckString(JsonRead.Object(root, "response_format"), "type", "response_format.type");
        foreach (var message in JsonRead.Items(root, "messages"))
        {
            CheckMessage(message);
        }

        CheckTools(root);

        // GetAndValidateTextRequest's own checks run only on a body that unmarshalled.
        if (model.Length == 0)
        {
            throw new FormatException("model is required");
        }

        // max_completion_tokens is max_tokens' newer name: the one the reply honours is the one held to the limit.
        if ((completionTokens ?? maxTokens) > int.MaxValue / 2)
        {
            throw new FormatException("max_tokens is invalid");
        }
    }

    private static void CheckMessage(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"json: cannot unmarshal {GoJsonFields.GoKind(message.ValueKind)} into Go struct field GeneralOpenAIRequest.messages of type dto.Message");
        }

        CheckString(message, "role", "messages.role");
        CheckString(message, "name", "messages.name");
        CheckString(message, "tool_call_id", "messages.tool_call_id");

        // content is `any` in Go; new-api reads the type of each part, and the text of a text part, as strings.
        foreach (var part in JsonRead.Items(message, "content").Where(p => p.ValueKind == JsonValueKind.Object))
        {
            CheckString(part, "type", "messages.content.type");
            if (JsonRead.Text(part, "type") == "text")
            {
                CheckString(part, "text", "messages.content.text");
            }
        }

        foreach (var call in JsonRead.Items(message, "tool_calls").Where(c => c.ValueKind == JsonValueKind.Object))
        {
            CheckString(call, "id", "messages.tool_calls.id");
            var function = JsonRead.Object(call, "function");
            CheckString(function, "name", "messages.tool_calls.function.name");
            CheckString(function, "arguments", "messages.tool_calls.function.arguments");
        }
    }

    private static void CheckTools(JsonElement root)
    {
        foreach (var tool in JsonRead.Items(root, "tools"))
        {
            var function = JsonRead.Object(tool, "function");
            CheckString(function, "name", "tools.function.name");
            CheckString(function, "description", "tools.function.description");
        }

        CheckString(JsonRead.Object(JsonRead.Object(root, "tool_choice"), "function"), "name", "tool_choice.function.name");
    }

    // A string field of a nested object; anything that is not an object (absent, null) has nothing to check.
    private static void CheckString(JsonElement obj, string name, string path) =>
        Go.CheckKind(obj, name, "string", path, JsonValueKind.String);
}
