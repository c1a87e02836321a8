using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>One captured log line: its level, category, rendered message, structured values, open scopes and exception text.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message, string Values, string? Exception)
{
    /// <summary>Gets the structured state of every scope that was open when the line was written, rendered as <see cref="Values"/> is.</summary>
    public string Scopes { get; init; } = string.Empty;

    /// <summary>Gets everything that left the process for this line.</summary>
    public string AllText => $"{Message} | {Values} | {Scopes} | {Exception}";
}

/// <summary>
/// Captures every log line at every level (Trace included), so a test can search them for secrets or forged lines. The
/// structured state is rendered the way a structured sink writes it out: collections item by item (a header's values are a
/// list), so a value that the formatted message hides is still seen.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly AsyncLocal<ScopeNode?> _scopes = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Creates a factory that sends everything, from Trace up, to this provider.</summary>
    public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Renders a structured value as a sink would: strings as they are, collections and pairs item by item.</summary>
    public static string Render(object? value) => value switch
    {
        null => "null",
        string text => text,
        KeyValuePair<string, object?> pair => $"{pair.Key}={Render(pair.Value)}",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Render)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed record ScopeNode(string State, ScopeNode? Parent);

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            ScopeNode? parent = owner._scopes.Value;
            owner._scopes.Value = new ScopeNode(Render(state), parent);
            return new ScopeHandle(owner, parent);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(static p => Render(p)))
                : Render(state);
            var scopes = new List<string>();
            for (ScopeNode? node = owner._scopes.Value; node is not null; node = node.Parent)
            {
                scopes.Add(node.State);
            }

            owner._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), values, exception?.ToString())
            {
                Scopes = string.Join(" > ", scopes),
            });
        }
    }

    private sealed class ScopeHandle(CapturingLoggerProvider owner, ScopeNode? parent) : IDisposable
    {
        public void Dispose() => owner._scopes.Value = parent;
    }
}
