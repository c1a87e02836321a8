namespace NexLLM.Connectors.Common;

/// <summary>
/// How a model goes into a Gemini-native path (<c>models/{model}:action</c>): a <c>models/</c> prefix, as Google writes
/// model names, is accepted; the rest is escaped as one path segment, so <c>/</c>, <c>?</c>, <c>#</c> or <c>%</c> cannot
/// change the route; an empty name and dot segments are refused (docs/protocols/gemini.md).
/// </summary>
internal static class GeminiModelPath
{
    /// <summary>The prefix of Google's model names, also the path segment before the model.</summary>
    public const string Prefix = "models/";

    /// <summary>The model's name without Google's <c>models/</c> prefix (no validation: for telling model families apart).</summary>
    /// <param name="model">The model.</param>
    /// <returns>The name.</returns>
    public static string Strip(string model) => model.StartsWith(Prefix, StringComparison.Ordinal) ? model[Prefix.Length..] : model;

    /// <summary>The model's name without the prefix, checked.</summary>
    /// <param name="model">The model.</param>
    /// <param name="paramName">The argument that held it, for the exception.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The name is empty, blank, <c>.</c> or <c>..</c>.</exception>
    public static string Name(string model, string paramName)
    {
        string name = Strip(model);
        return string.IsNullOrWhiteSpace(name) || name is "." or ".."
            ? throw new ArgumentException($"'{model}' is not a model name.", paramName)
            : name;
    }

    /// <summary>The URI of an action on a model: <c>{geminiEndpoint}models/{name}{action}</c>.</summary>
    /// <param name="geminiEndpoint">The Gemini base URI (ends with '/').</param>
    /// <param name="model">The model.</param>
    /// <param name="action">The action and its query, e.g. <c>:streamGenerateContent?alt=sse</c>.</param>
    /// <param name="paramName">The argument that held the model, for the exception.</param>
    /// <returns>The URI.</returns>
    /// <exception cref="ArgumentException">The model is not a model name.</exception>
    public static Uri Uri(Uri geminiEndpoint, string model, string action, string paramName) =>
        new(geminiEndpoint.AbsoluteUri + Prefix + System.Uri.EscapeDataString(Name(model, paramName)) + action);
}
