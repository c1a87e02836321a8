using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>One captured log line: its level, category, rendered message, structured values and exception text.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message, string Values, string? Exception)
{
    /// <summary>Gets everything that left the process for this line.</summary>
    public string AllText => $"{Message} | {Values} | {Exception}";
}

/// <summary>Captures every log line at every level (Trace included), so a test can search them for secrets or forged lines.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Creates a factory that sends everything, from Trace up, to this provider.</summary>
    public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(static p => $"{p.Key}={p.Value}"))
                : string.Empty;
            owner._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
