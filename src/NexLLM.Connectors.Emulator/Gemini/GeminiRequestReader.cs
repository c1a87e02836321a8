using System.Text.Json;
using System.Text.RegularExpressions;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// Reads a <c>:generateContent</c> body in two steps, as the request really travels. First new-api's own checks
/// (<c>GetAndValidateGeminiRequest</c>, new-api relay/helper/valid_request.go): the body unmarshals into
/// <c>dto.GeminiChatRequest</c> (a field of the wrong JSON type fails with Go's message) and <c>contents</c> is
/// required; failures are <see cref="FormatException"/>s, answered like every new-api validation error with HTTP 500
/// <c>invalid_request</c> (docs/protocols/gateway.md#statuses). Then Google's checks (<see cref="GeminiRequestValidator"/>, HTTP 400). Then the
/// body is mapped to the neutral request. The model comes from the path; a body has none.
/// </summary>
internal static partial class GeminiRequestReader
{
    private static readonly GoJsonFields Go = new("GeminiChatRequest");

    /// <summary>Runs new-api's checks and parses the body; <paramref name="root"/> is a detached copy.</summary>
    public static bool TryParse(byte[] body, out JsonElement root, out string? gatewayError) =>
        RequestJson.TryParse(body, CheckGatewayRules, out root, out gatewayError);

    /// <summary>Maps a body that passed both sets of checks to the neutral request.</summary>
    public static GeminiCall Read(JsonElement root, string model, bool stream)
    {
        var config = GeminiJson.Object(root, "generationConfig");
        var (tools, toolChoice) = ReadTools(root);
        int? maxTokens = (int?)Math.Min(GeminiJson.Integer(config, "maxOutputTokens", "max_output_tokens") ?? 0, int.MaxValue);
        var request = new ChatEngineRequest
        {
            Model = model,
            Turns = GeminiContentReader.Read(root),
            Tools = tools,
            ToolChoice = toolChoice,
            ReasoningRequested = ThoughtsRequested(config, model),
            MaxOutputTokens = maxTokens > 0 ? maxTokens : null,
            StopSequences = GeminiJson.Items(config, "stopSequences", "stop_sequences").Select(s => s.GetString() ?? "").ToList(),
            ResponseFormat = ReadResponseFormat(config),

            // Gemini's API sends function calls without ids (and new-api drops request ids, docs/protocols/gemini.md): none is made up.
            NewToolCallId = static () => "",
        };
        // candidateCount (or new-api's candidate_count, which wins): Go's omitempty makes 0 "not sent", so one candidate.
        long candidates = GeminiJson.Integer(config, "candidateCount", "candidate_count") ?? 1;
        return new GeminiCall(request, stream, GeminiContentReader.CountMedia(root), (int)Math.Clamp(candidates, 1, GeminiCandidate.MaxCount));
    }

    /// <summary>
    /// Whether thoughts are returned: a <c>thinkingConfig</c> that asks for them (<c>includeThoughts: true</c>, or a
    /// budget or level) unless <c>includeThoughts</c> is false or the budget is 0; new-api's model suffixes <c>-thinking</c>,
    /// <c>-thinking-&lt;budget&gt;</c> and <c>-nothinking</c> (docs/protocols/gateway.md#re-serialisation) decide first.
    /// </summary>
    public static bool ThoughtsRequested(JsonElement config, string model)
    {
        if (model.EndsWith("-nothinking", StringComparison.Ordinal))
        {
            return false;
        }

        if (model.EndsWith("-thinking", StringComparison.Ordinal) || ThinkingBudgetSuffix().IsMatch(model))
        {
            return true;
        }

        var thinking = GeminiJson.Object(config, "thinkingConfig", "thinking_config");
        bool? include = GeminiJson.Bool(thinking, "includeThoughts", "include_thoughts");
        long? budget = GeminiJson.Integer(thinking, "thinkingBudget", "thinking_budget");
        if (thinking.ValueKind != JsonValueKind.Object || include == false || budget == 0)
        {
            return false;
        }

        return include == true || budget is not null || GeminiJson.Text(thinking, "thinkingLevel", "thinking_level") is { Length: > 0 };
    }

    [GeneratedRegex("-thinking-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ThinkingBudgetSuffix();

    // The Go types of dto.GeminiChatRequest and its parts (new-api dto/gemini.go); tools are raw JSON and take anything.
    private static void CheckGatewayRules(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Go.NotAnObject(root.ValueKind);
        }

        Go.CheckKind(root, "contents", "[]dto.GeminiChatContent", null, JsonValueKind.Array);
        Go.CheckKind(root, "requests", "[]dto.GeminiChatRequest", null, JsonValueKind.Array);
        Go.CheckKind(root, "safetySettings", "[]dto.GeminiChatSafetySettings", null, JsonValueKind.Array);
        Go.CheckKind(root, "generationConfig", "dto.GeminiChatGenerationConfig", null, JsonValueKind.Object);
        Go.CheckKind(root, "toolConfig", "dto.ToolConfig", null, JsonValueKind.Object);
        Go.CheckKind(root, "systemInstruction", "dto.GeminiChatContent", null, JsonValueKind.Object);
        Go.CheckKind(root, "system_instruction", "dto.GeminiChatContent", null, JsonValueKind.Object);
        Go.OptionalString(root, "cachedContent");
        CheckContent(GeminiJson.Object(root, "systemInstruction", "system_instruction"), "systemInstruction");
        foreach (var content in GeminiJson.Items(root, "contents"))
        {
            if (content.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                throw new FormatException($"json: cannot unmarshal {GoJsonFields.GoKind(content.ValueKind)} into Go struct field GeminiChatRequest.contents of type dto.GeminiChatContent");
            }

            CheckContent(content, "contents");
        }

        CheckGenerationConfig(GeminiJson.Object(root, "generationConfig"));
        if (GeminiJson.Items(root, "contents").Count == 0 && GeminiJson.Items(root, "requests").Count == 0)
        {
            throw new FormatException("contents is required");
        }
    }

    private static void CheckContent(JsonElement content, string path)
    {
        if (content.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        Go.OptionalString(content, "role", path + ".role");
        Go.CheckKind(content, "parts", "[]dto.GeminiPart", path + ".parts", JsonValueKind.Array);
        foreach (var part in GeminiJson.Items(content, "parts"))
        {
            if (part.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                throw new FormatException($"json: cannot unmarshal {GoJsonFields.GoKind(part.ValueKind)} into Go struct field GeminiChatContent.{path}.parts of type dto.GeminiPart");
            }

            string partPath = path + ".parts.";
            Go.OptionalString(part, "text", partPath + "text");
            Go.OptionalBool(part, "thought", partPath + "thought");
            Go.CheckKind(part, "inlineData", "dto.GeminiInlineData", partPath + "inlineData", JsonValueKind.Object);
            Go.CheckKind(part, "fileData", "dto.GeminiFileData", partPath + "fileData", JsonValueKind.Object);
            Go.CheckKind(part, "functionCall", "dto.FunctionCall", partPath + "functionCall", JsonValueKind.Object);
            Go.CheckKind(part, "functionResponse", "dto.GeminiFunctionResponse", partPath + "functionResponse", JsonValueKind.Object);
            if (GeminiJson.Object(part, "functionCall") is { ValueKind: JsonValueKind.Object } call)
            {
                Go.OptionalString(call, "name", partPath + "functionCall.name");
            }

            var response = GeminiJson.Object(part, "functionResponse");
            if (response.ValueKind == JsonValueKind.Object)
            {
                Go.OptionalString(response, "name", partPath + "functionResponse.name");
            }

            // response is a Go map: a string or an array there fails to unmarshal (a common client bug).
            Go.CheckKind(response, "response", "map[string]interface {}", partPath + "functionResponse.response", JsonValueKind.Object);
        }
    }

    private static void CheckGenerationConfig(JsonElement config)
    {
        const string path = "generationConfig.";
        if (config.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (string name in new[] { "temperature", "topP", "top_p", "topK", "top_k" })
        {
            Go.CheckKind(config, name, "float64", path + name, JsonValueKind.Number);
        }

        foreach (string name in new[] { "presencePenalty", "presence_penalty", "frequencyPenalty", "frequency_penalty" })
        {
            Go.CheckKind(config, name, "float32", path + name, JsonValueKind.Number);
        }

        Go.OptionalInteger(config, "maxOutputTokens", unsigned: true, path + "maxOutputTokens");
        Go.OptionalInteger(config, "max_output_tokens", unsigned: true, path + "max_output_tokens");
        Go.OptionalInteger(config, "candidateCount", unsigned: false, path + "candidateCount");
        Go.OptionalInteger(config, "candidate_count", unsigned: false, path + "candidate_count");
        Go.OptionalInteger(config, "seed", unsigned: false, path + "seed");
        Go.OptionalString(config, "responseMimeType", path + "responseMimeType");
        Go.CheckKind(config, "stopSequences", "[]string", path + "stopSequences", JsonValueKind.Array);
        foreach (var stop in GeminiJson.Items(config, "stopSequences", "stop_sequences"))
        {
            if (stop.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                throw new FormatException($"json: cannot unmarshal {GoJsonFields.GoKind(stop.ValueKind)} into Go struct field GeminiChatRequest.{path}stopSequences of type string");
            }
        }

        Go.CheckKind(config, "thinkingConfig", "dto.GeminiThinkingConfig", path + "thinkingConfig", JsonValueKind.Object);
        Go.CheckKind(config, "thinking_config", "dto.GeminiThinkingConfig", path + "thinking_config", JsonValueKind.Object);
        var thinking = GeminiJson.Object(config, "thinkingConfig", "thinking_config");
        if (thinking.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        Go.OptionalBool(thinking, "includeThoughts", path + "thinkingConfig.includeThoughts");
        Go.OptionalInteger(thinking, "thinkingBudget", unsigned: false, path + "thinkingConfig.thinkingBudget");
        Go.OptionalString(thinking, "thinkingLevel", path + "thinkingConfig.thinkingLevel");
    }

    // tools: an array of tools or a single tool object (new-api's GetTools takes both); function declarations only, the
    // other tools (googleSearch, codeExecution, urlContext) are accepted and never called.
    private static (IReadOnlyList<ChatToolDefinition> Tools, ChatToolChoice Choice) ReadTools(JsonElement root)
    {
        var field = GeminiJson.Field(root, "tools");
        IEnumerable<JsonElement> toolObjects = field.ValueKind switch
        {
            JsonValueKind.Array => field.EnumerateArray(),
            JsonValueKind.Object => [field],
            _ => [],
        };

        var tools = new List<ChatToolDefinition>();
        foreach (var declaration in toolObjects.SelectMany(tool => GeminiJson.Items(tool, "functionDeclarations", "function_declarations")))
        {
            if (GeminiJson.Text(declaration, "name") is { Length: > 0 } name)
            {
                var schema = GeminiJson.Field(declaration, "parametersJsonSchema", "parameters_json_schema") is { ValueKind: JsonValueKind.Object } jsonSchema
                    ? jsonSchema
                    : GeminiJson.Object(declaration, "parameters");
                tools.Add(new ChatToolDefinition(name, GeminiJson.Text(declaration, "description"), GeminiSchema.Normalize(schema)));
            }
        }

        // functionCallingConfig: AUTO (default), ANY (a call is required; one allowed name names it), NONE,
        // VALIDATED (like AUTO here). allowedFunctionNames narrows the tools in ANY and VALIDATED mode.
        var calling = GeminiJson.Object(GeminiJson.Object(root, "toolConfig"), "functionCallingConfig");
        string mode = (GeminiJson.Text(calling, "mode") ?? "AUTO").ToUpperInvariant();
        var allowed = GeminiJson.Items(calling, "allowedFunctionNames").Select(n => n.GetString()).OfType<string>().ToList();
        if (allowed.Count > 0 && mode is "ANY" or "VALIDATED")
        {
            tools = tools.Where(tool => allowed.Contains(tool.Name, StringComparer.Ordinal)).ToList();
        }

        var choice = mode switch
        {
            "NONE" => new ChatToolChoice(ToolChoiceMode.None),
            "ANY" when allowed.Count == 1 => new ChatToolChoice(ToolChoiceMode.Named, allowed[0]),
            "ANY" => new ChatToolChoice(ToolChoiceMode.Required),
            _ => ChatToolChoice.Auto,
        };
        return (tools, choice);
    }

    // JSON output needs responseMimeType application/json; the schema is responseJsonSchema (a JSON schema) or
    // responseSchema (Google's OpenAPI subset), else any JSON object.
    private static ChatResponseFormat ReadResponseFormat(JsonElement config)
    {
        string? mimeType = GeminiJson.Text(config, "responseMimeType", "response_mime_type");
        if (!string.Equals(mimeType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return ChatResponseFormat.Text;
        }

        var schema = GeminiJson.Field(config, "responseJsonSchema", "response_json_schema") is { ValueKind: JsonValueKind.Object } jsonSchema
            ? jsonSchema
            : GeminiJson.Object(config, "responseSchema", "response_schema");
        return GeminiSchema.Normalize(schema) is { } normalized
            ? new ChatResponseFormat(ResponseFormatKind.JsonSchema, normalized)
            : new ChatResponseFormat(ResponseFormatKind.JsonObject);
    }
}
