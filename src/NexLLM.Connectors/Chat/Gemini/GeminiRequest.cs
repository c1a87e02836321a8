using System.Text.Json;

namespace NexLLM.Connectors.Chat.Gemini;

// Wire types of POST /v1beta/models/{model}:generateContent and :streamGenerateContent (docs/protocols/gemini.md). camelCase through
// the JSON context; nulls are not written. new-api keeps only these top-level keys (docs/protocols/gemini.md).

internal sealed class GeminiRequest
{
    public required List<GeminiContent> Contents { get; set; }

    public GeminiContent? SystemInstruction { get; set; }

    public List<GeminiTool>? Tools { get; set; }

    public GeminiToolConfig? ToolConfig { get; set; }

    public GeminiGenerationConfig? GenerationConfig { get; set; }

    public List<GeminiSafetySetting>? SafetySettings { get; set; }

    public string? CachedContent { get; set; }
}

internal sealed class GeminiContent
{
    /// <summary>Gets or sets <c>user</c> or <c>model</c>; none on <c>systemInstruction</c>.</summary>
    public string? Role { get; set; }

    public required List<GeminiPart> Parts { get; set; }
}

/// <summary>One part: text (a thought when <see cref="Thought"/>), inline data, a file, a function call or its response.</summary>
internal sealed class GeminiPart
{
    public string? Text { get; set; }

    public bool? Thought { get; set; }

    /// <summary>Gets or sets the opaque signature of the model's reasoning: echoed back unchanged on the same part.</summary>
    public string? ThoughtSignature { get; set; }

    public GeminiBlob? InlineData { get; set; }

    public GeminiFileData? FileData { get; set; }

    public GeminiFunctionCall? FunctionCall { get; set; }

    public GeminiFunctionResponse? FunctionResponse { get; set; }
}

internal sealed class GeminiBlob
{
    public required string MimeType { get; set; }

    public required string Data { get; set; }
}

internal sealed class GeminiFileData
{
    public string? MimeType { get; set; }

    public required string FileUri { get; set; }
}

internal sealed class GeminiFunctionCall
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public JsonElement? Args { get; set; }
}

internal sealed class GeminiFunctionResponse
{
    public required string Name { get; set; }

    /// <summary>Gets or sets the result as a JSON object (Gemini takes a Struct: other values are wrapped).</summary>
    public JsonElement Response { get; set; }
}

internal sealed class GeminiTool
{
    public required List<GeminiFunctionDeclaration> FunctionDeclarations { get; set; }
}

internal sealed class GeminiFunctionDeclaration
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Gets or sets the parameters in Gemini's OpenAPI subset (converted from JSON schema).</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>Gets or sets the parameters as plain JSON schema (typed option, newer models).</summary>
    public JsonElement? ParametersJsonSchema { get; set; }
}

internal sealed class GeminiToolConfig
{
    public required GeminiFunctionCallingConfig FunctionCallingConfig { get; set; }
}

internal sealed class GeminiFunctionCallingConfig
{
    /// <summary>Gets or sets <c>AUTO</c>, <c>ANY</c>, <c>NONE</c> or <c>VALIDATED</c>.</summary>
    public required string Mode { get; set; }

    public List<string>? AllowedFunctionNames { get; set; }
}

internal sealed class GeminiGenerationConfig
{
    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public int? TopK { get; set; }

    public int? MaxOutputTokens { get; set; }

    public IList<string>? StopSequences { get; set; }

    public long? Seed { get; set; }

    public float? PresencePenalty { get; set; }

    public float? FrequencyPenalty { get; set; }

    public string? ResponseMimeType { get; set; }

    public JsonElement? ResponseSchema { get; set; }

    public JsonElement? ResponseJsonSchema { get; set; }

    public GeminiThinkingConfig? ThinkingConfig { get; set; }
}

internal sealed class GeminiThinkingConfig
{
    public bool? IncludeThoughts { get; set; }

    public int? ThinkingBudget { get; set; }

    /// <summary>Gets or sets <c>LOW</c>, <c>MEDIUM</c> or <c>HIGH</c> (newer models; older ones take a budget).</summary>
    public string? ThinkingLevel { get; set; }
}

internal sealed class GeminiSafetySetting
{
    public required string Category { get; set; }

    public required string Threshold { get; set; }
}
