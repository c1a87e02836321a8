using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;

namespace NexLLM.Connectors;

/// <summary>
/// Gemini options that M.E.AI has no property for: safety settings, JSON-schema pass-through and cached contexts. They
/// are stored under reserved <c>nexllm.</c> keys, read by the Gemini protocol and never sent as fields; other protocols
/// ignore them. The thinking budget is <see cref="NexLLMChatOptionsExtensions.WithThinkingBudget"/>.
/// </summary>
public static class NexLLMGeminiExtensions
{
    /// <summary>Sets Gemini's <c>safetySettings</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="settings">One setting per harm category.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="settings"/> is <see langword="null"/>.</exception>
    public static ChatOptions WithGeminiSafetySettings(this ChatOptions options, params NexLLMGeminiSafetySetting[] settings)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[ChatOptionKeys.GeminiSafetySettings] = Throw.IfNull(settings).ToArray();
        return options;
    }

    /// <summary>
    /// Sends tool parameters and the response schema as plain JSON schema (<c>parametersJsonSchema</c>,
    /// <c>responseJsonSchema</c>) instead of converting them to Gemini's OpenAPI subset: for newer models, and schemas
    /// the subset cannot express.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static ChatOptions WithGeminiJsonSchema(this ChatOptions options)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[ChatOptionKeys.GeminiJsonSchema] = true;
        return options;
    }

    /// <summary>Uses a cached context (Gemini <c>cachedContent</c>, e.g. <c>cachedContents/abc123</c>).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="cachedContentName">The cached content's resource name.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="cachedContentName"/> is empty or contains control characters.</exception>
    public static ChatOptions WithGeminiCachedContent(this ChatOptions options, string cachedContentName)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[ChatOptionKeys.GeminiCachedContent] = Throw.IfNotIdentifier(cachedContentName);
        return options;
    }
}
