using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;

namespace NexLLM.Connectors.DependencyInjection;

/// <summary>
/// Binds <see cref="NexLLMClientOptions"/> from a configuration section by hand: no reflection (trimming- and NativeAOT-safe,
/// where the reflection-based <c>ConfigurationBinder</c> is not), only the settings configuration can express (not the
/// clock or the logger factory), and parse errors that name the setting without quoting its value (it may be a secret
/// pasted in the wrong place).
/// </summary>
/// <remarks>
/// A value that does not parse leaves its setting as it was and is recorded against the options instance;
/// <see cref="NexLLMClientOptionsValidator"/> reports it with the validation failures of the other settings, so that one
/// start-up lists every mistake. Throwing here would hide those failures: validation never runs after a configure step throws.
/// </remarks>
internal static class NexLLMClientOptionsBinder
{
    /// <summary>The parse errors of each options instance being built; weak, so that an instance takes its errors with it.</summary>
    private static readonly ConditionalWeakTable<NexLLMClientOptions, List<string>> ParseErrorsByOptions = new();

    /// <summary>The values that did not parse when <paramref name="options"/> was bound, each under its configuration path.</summary>
    public static IReadOnlyList<string> ParseErrors(NexLLMClientOptions options) =>
        ParseErrorsByOptions.TryGetValue(options, out List<string>? errors) ? errors : [];

    public static void Bind(IConfigurationSection section, NexLLMClientOptions options)
    {
        var errors = new List<string>();
        var reader = new Reader(section, errors);

        options.Endpoint = reader.Uri(nameof(NexLLMClientOptions.Endpoint)) ?? options.Endpoint;
        options.GeminiEndpoint = reader.Uri(nameof(NexLLMClientOptions.GeminiEndpoint)) ?? options.GeminiEndpoint;
        options.ApiKey = reader.Text(nameof(NexLLMClientOptions.ApiKey)) ?? options.ApiKey;
        options.MaxRetries = reader.Int32(nameof(NexLLMClientOptions.MaxRetries)) ?? options.MaxRetries;
        options.ConnectTimeout = reader.Duration(nameof(NexLLMClientOptions.ConnectTimeout)) ?? options.ConnectTimeout;
        options.ResponseTimeout = reader.Duration(nameof(NexLLMClientOptions.ResponseTimeout)) ?? options.ResponseTimeout;
        options.StreamIdleTimeout = reader.Duration(nameof(NexLLMClientOptions.StreamIdleTimeout)) ?? options.StreamIdleTimeout;
        options.MaxResponseBytes = reader.Int32(nameof(NexLLMClientOptions.MaxResponseBytes)) ?? options.MaxResponseBytes;
        options.MaxStreamEventBytes = reader.Int32(nameof(NexLLMClientOptions.MaxStreamEventBytes)) ?? options.MaxStreamEventBytes;
        options.AllowIncompleteStreams = reader.Boolean(nameof(NexLLMClientOptions.AllowIncompleteStreams)) ?? options.AllowIncompleteStreams;
        options.AllowInsecureHttp = reader.Boolean(nameof(NexLLMClientOptions.AllowInsecureHttp)) ?? options.AllowInsecureHttp;

        foreach (IConfigurationSection header in section.GetSection(nameof(NexLLMClientOptions.DefaultHeaders)).GetChildren())
        {
            if (header.Value is { } value)
            {
                options.DefaultHeaders[header.Key] = value;
            }
        }

        if (errors.Count > 0)
        {
            // The same section may be bound twice into one instance (AddNexLLMClient called twice): each error once.
            List<string> recorded = ParseErrorsByOptions.GetOrCreateValue(options);
            foreach (string error in errors)
            {
                if (!recorded.Contains(error))
                {
                    recorded.Add(error);
                }
            }
        }
    }

    private readonly struct Reader(IConfigurationSection section, List<string> errors)
    {
        /// <summary>The value of a key, or <see langword="null"/> when it is absent or empty (an unset environment variable, say).</summary>
        public string? Text(string key) => section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public Uri? Uri(string key) =>
            Text(key) is not { } text ? null
            : System.Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri
            : Fail<Uri>(key, "is not an absolute URL (for example https://www.nexllm.ai/v1).");

        public int? Int32(string key) =>
            Text(key) is not { } text ? null
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) ? number
            : FailValue<int>(key, "is not a whole number.");

        public bool? Boolean(string key) =>
            Text(key) is not { } text ? null
            : bool.TryParse(text, out bool flag) ? flag
            : FailValue<bool>(key, "is not true or false.");

        public TimeSpan? Duration(string key) =>
            Text(key) is not { } text ? null
            : text.Equals("Infinite", StringComparison.OrdinalIgnoreCase) ? Timeout.InfiniteTimeSpan
            : !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan duration) ? FailValue<TimeSpan>(key, "is not a duration such as 00:00:30 (hours:minutes:seconds) or Infinite.")

            // A bare number parses as days ("300" = 300 days), never what "300" in a settings file means.
            : !text.Contains(':', StringComparison.Ordinal) ? FailValue<TimeSpan>(key, "is a bare number; write a duration such as 00:05:00 (hours:minutes:seconds) or Infinite.")
            : duration;

        private T? Fail<T>(string key, string problem)
            where T : class
        {
            errors.Add($"{section.Path}:{key} {problem}");
            return null;
        }

        private T? FailValue<T>(string key, string problem)
            where T : struct
        {
            errors.Add($"{section.Path}:{key} {problem}");
            return null;
        }
    }
}
