using Microsoft.Extensions.Options;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.DependencyInjection;

/// <summary>
/// Validates <see cref="NexLLMClientOptions"/> at start-up with the options' own rules (the checks a
/// <see cref="NexLLMClient"/> runs when it is created), reporting every invalid setting, each under its configuration path
/// when it was bound from configuration. No message shows the API key.
/// </summary>
/// <param name="settingPrefix">What to put before a setting's name: <c>NexLLM:</c> for a configuration section, else <see langword="null"/>.</param>
internal sealed class NexLLMClientOptionsValidator(string? settingPrefix) : IValidateOptions<NexLLMClientOptions>
{
    /// <summary>Stands for a key while the other settings are checked; it passes the key rules.</summary>
    private const string PlaceholderKey = "sk-placeholder";

    public ValidateOptionsResult Validate(string? name, NexLLMClientOptions options)
    {
        // Only the default options feed the registered client.
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        // Values that did not parse come first: the binder left those settings as they were, so nothing below sees them.
        List<string>? failures = NexLLMClientOptionsBinder.ParseErrors(options) is { Count: > 0 } parseErrors ? [.. parseErrors] : null;

        // Snapshot stops at the first bad header: check each header on its own instead (the probe has none).
        foreach (KeyValuePair<string, string> header in options.DefaultHeaders)
        {
            try
            {
                HeaderRules.Validate(header.Key, header.Value, nameof(NexLLMClientOptions.DefaultHeaders));
            }
            catch (ArgumentException ex)
            {
                (failures ??= []).Add(Describe(ex, options.ApiKey));
            }
        }

        // The options' own validation stops at the first invalid setting: put each one found back to its default and
        // validate again, so that one start-up reports every mistake.
        NexLLMClientOptions probe = Copy(options);
        var seen = new HashSet<string?>(StringComparer.Ordinal);
        while (true)
        {
            try
            {
                _ = probe.Snapshot();
                break;
            }
            catch (ArgumentException ex)
            {
                (failures ??= []).Add(Describe(ex, options.ApiKey));
                if (!seen.Add(ex.ParamName) || !ResetToDefault(probe, ex.ParamName))
                {
                    break;
                }
            }
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string Describe(ArgumentException ex, string? apiKey)
    {
        string message = ex.Message;
        if (ex.ParamName is { } parameter)
        {
            // ArgumentException appends " (Parameter 'X')", ArgumentOutOfRangeException then "\nActual value was ...".
            message = message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal).ReplaceLineEndings(" ");
            message = $"{settingPrefix ?? "NexLLMClientOptions."}{parameter}: {message}";
        }

        // The rules never quote the key; a key pasted into another setting (an endpoint, say) would be quoted there.
        return apiKey is { Length: >= 8 } ? message.Replace(apiKey, "***", StringComparison.Ordinal) : message;
    }

    /// <summary>A copy to reset settings on, without the headers: <see cref="Validate"/> checks each of those on its own.</summary>
    private static NexLLMClientOptions Copy(NexLLMClientOptions options) =>
        new()
        {
            Endpoint = options.Endpoint,
            GeminiEndpoint = options.GeminiEndpoint,
            ApiKey = options.ApiKey,
            MaxRetries = options.MaxRetries,
            ConnectTimeout = options.ConnectTimeout,
            ResponseTimeout = options.ResponseTimeout,
            StreamIdleTimeout = options.StreamIdleTimeout,
            MaxResponseBytes = options.MaxResponseBytes,
            MaxStreamEventBytes = options.MaxStreamEventBytes,
            AllowIncompleteStreams = options.AllowIncompleteStreams,
            AllowInsecureHttp = options.AllowInsecureHttp,
            TimeProvider = options.TimeProvider,
            LoggerFactory = options.LoggerFactory,
        };

    private static bool ResetToDefault(NexLLMClientOptions probe, string? setting)
    {
        var defaults = new NexLLMClientOptions();
        switch (setting)
        {
            case nameof(NexLLMClientOptions.Endpoint): probe.Endpoint = defaults.Endpoint; break;
            case nameof(NexLLMClientOptions.GeminiEndpoint): probe.GeminiEndpoint = null; break;
            case nameof(NexLLMClientOptions.ApiKey): probe.ApiKey = PlaceholderKey; break;
            case nameof(NexLLMClientOptions.MaxRetries): probe.MaxRetries = defaults.MaxRetries; break;
            case nameof(NexLLMClientOptions.ConnectTimeout): probe.ConnectTimeout = defaults.ConnectTimeout; break;
            case nameof(NexLLMClientOptions.ResponseTimeout): probe.ResponseTimeout = defaults.ResponseTimeout; break;
            case nameof(NexLLMClientOptions.StreamIdleTimeout): probe.StreamIdleTimeout = defaults.StreamIdleTimeout; break;
            case nameof(NexLLMClientOptions.MaxResponseBytes): probe.MaxResponseBytes = defaults.MaxResponseBytes; break;
            case nameof(NexLLMClientOptions.MaxStreamEventBytes): probe.MaxStreamEventBytes = defaults.MaxStreamEventBytes; break;
            case nameof(NexLLMClientOptions.TimeProvider): probe.TimeProvider = defaults.TimeProvider; break;
            default: return false;
        }

        return true;
    }
}
