using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;

namespace NexLLM.Connectors;

/// <summary>
/// Claude Messages options that M.E.AI has no property for: prompt caching, beta headers, the end-user id and adaptive
/// thinking. They are stored under reserved <c>nexllm.</c> keys, read by the Claude protocol and never sent as fields;
/// other protocols ignore them. Claude reads cache breakpoints in the order tools, system, messages, and refuses more than
/// 4 of them (automatic caching takes one) or a 1-hour one after a 5-minute one: such a request is not sent, and the call
/// throws an <see cref="ArgumentException"/> naming the breakpoints.
/// </summary>
public static class NexLLMClaudeExtensions
{
    /// <summary>Asks for automatic prompt caching: a top-level <c>cache_control</c>, which caches up to the last cacheable block.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="ttl">How long the cache entry lives.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static ChatOptions WithClaudePromptCaching(this ChatOptions options, NexLLMCacheTtl ttl = NexLLMCacheTtl.FiveMinutes) =>
        Set(options, ChatOptionKeys.ClaudeCacheControl, TtlText(ttl));

    /// <summary>Caches the system prompt (instructions and system messages): <c>cache_control</c> on its last block.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="ttl">How long the cache entry lives.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static ChatOptions WithClaudeSystemCaching(this ChatOptions options, NexLLMCacheTtl ttl = NexLLMCacheTtl.FiveMinutes) =>
        Set(options, ChatOptionKeys.ClaudeSystemCacheControl, TtlText(ttl));

    /// <summary>Caches the tool definitions: <c>cache_control</c> on the last tool, which covers all of them.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="ttl">How long the cache entry lives.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static ChatOptions WithClaudeToolCaching(this ChatOptions options, NexLLMCacheTtl ttl = NexLLMCacheTtl.FiveMinutes) =>
        Set(options, ChatOptionKeys.ClaudeToolsCacheControl, TtlText(ttl));

    /// <summary>Marks a content block with <c>cache_control</c>: the prompt up to and including it is cached.</summary>
    /// <typeparam name="TContent">The content type.</typeparam>
    /// <param name="content">A text, image, document or function-result content.</param>
    /// <param name="ttl">How long the cache entry lives.</param>
    /// <returns>The same <paramref name="content"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is <see langword="null"/>.</exception>
    public static TContent WithClaudeCacheControl<TContent>(this TContent content, NexLLMCacheTtl ttl = NexLLMCacheTtl.FiveMinutes)
        where TContent : AIContent
    {
        Throw.IfNull(content);
        (content.AdditionalProperties ??= [])[ChatOptionKeys.CacheControl] = TtlText(ttl);
        return content;
    }

    /// <summary>Marks the last content block of a message with <c>cache_control</c>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="ttl">How long the cache entry lives.</param>
    /// <returns>The same <paramref name="message"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    public static ChatMessage WithClaudeCacheBreakpoint(this ChatMessage message, NexLLMCacheTtl ttl = NexLLMCacheTtl.FiveMinutes)
    {
        Throw.IfNull(message);
        (message.AdditionalProperties ??= [])[ChatOptionKeys.CacheControl] = TtlText(ttl);
        return message;
    }

    /// <summary>Adds values to the <c>anthropic-beta</c> header (new-api forwards it upstream).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="betas">Beta names, for example <c>context-1m-2025-08-07</c>.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="betas"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A beta name is empty or contains a comma, white space or a control character.</exception>
    public static ChatOptions WithClaudeBeta(this ChatOptions options, params string[] betas)
    {
        Throw.IfNull(options);
        foreach (string beta in Throw.IfNull(betas))
        {
            Throw.IfNotIdentifier(beta, nameof(betas));
            if (beta.AsSpan().IndexOfAny(", \t") >= 0)
            {
                throw new ArgumentException($"The beta name '{beta}' must not contain a comma or white space.", nameof(betas));
            }
        }

        string? existing = options.AdditionalProperties?.TryGetValue(ChatOptionKeys.ClaudeBeta, out object? value) is true ? value as string : null;
        string joined = string.Join(',', betas);
        return Set(options, ChatOptionKeys.ClaudeBeta, string.IsNullOrEmpty(existing) ? joined : existing + "," + joined);
    }

    /// <summary>Sets <c>metadata.user_id</c>: an opaque id of the end user, which helps the provider detect abuse.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="userId">An opaque id (never a name, email or phone number).</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is empty.</exception>
    public static ChatOptions WithClaudeUserId(this ChatOptions options, string userId) =>
        Set(options, ChatOptionKeys.ClaudeUserId, Throw.IfNullOrWhiteSpace(userId));

    /// <summary>Asks for adaptive thinking (<c>{"type":"adaptive"}</c>): the model decides how much to think.</summary>
    /// <param name="options">The options to change.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static ChatOptions WithClaudeAdaptiveThinking(this ChatOptions options) => Set(options, ChatOptionKeys.ClaudeAdaptiveThinking, true);

    private static ChatOptions Set(ChatOptions options, string key, object value)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[key] = value;
        return options;
    }

    private static string TtlText(NexLLMCacheTtl ttl) => ttl switch
    {
        NexLLMCacheTtl.FiveMinutes => "5m",
        NexLLMCacheTtl.OneHour => "1h",
        _ => throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "Unknown cache lifetime."),
    };
}
