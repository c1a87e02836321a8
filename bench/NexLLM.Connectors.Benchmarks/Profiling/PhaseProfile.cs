using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Reflection;
using NexLLM.Connectors.Benchmarks.Cases;

namespace NexLLM.Connectors.Benchmarks.Profiling;

/// <summary>
/// Where the time of one request goes: runs a non-streamed contestant in a loop and splits each call at the
/// <c>System.Net.Http</c> events into before the request is sent, waiting for the response headers, reading the body,
/// and after the body (parsing and mapping). <c>--phases ClaudeResponse.Ours 10</c>.
/// </summary>
internal static class PhaseProfile
{
    private static readonly string[] Marks = ["RequestStart", "RequestContentStop", "ResponseHeadersStop", "ResponseContentStop", "RequestStop"];

    public static async Task RunAsync(string target, int seconds)
    {
        string[] parts = target.Split('.');
        Type type = typeof(Contestants).Assembly.GetTypes().Single(t => t.Name == parts[0] && t.IsSubclassOf(typeof(Contestants)));
        var bench = (Contestants)Activator.CreateInstance(type)!;
        MethodInfo method = type.GetMethod(parts[1])!;
        await bench.SetupAsync();
        for (int i = 0; i < 200; i++)
        {
            await (Task)method.Invoke(bench, null)!;
        }

        using var listener = new HttpEvents();
        var totals = new double[Marks.Length + 1];
        long calls = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            listener.Seen.Clear();
            long start = Stopwatch.GetTimestamp();
            await (Task)method.Invoke(bench, null)!;
            long end = Stopwatch.GetTimestamp();
            long previous = start;
            for (int i = 0; i < Marks.Length; i++)
            {
                long at = listener.Seen.TryGetValue(Marks[i], out long seen) ? seen : previous;
                totals[i] += Stopwatch.GetElapsedTime(previous, at).TotalMicroseconds;
                previous = at;
            }

            totals[Marks.Length] += Stopwatch.GetElapsedTime(previous, end).TotalMicroseconds;
            calls++;
        }

        await bench.CleanupAsync();
        Console.WriteLine($"{target}: {calls:N0} calls, {totals.Sum() / calls:N1} us per call");
        string[] names = ["until " + Marks[0], .. Marks.Skip(1).Select(mark => "until " + mark), "after " + Marks[^1]];
        for (int i = 0; i < totals.Length; i++)
        {
            Console.WriteLine($"  {totals[i] / calls,9:N1} us  {names[i]}");
        }
    }

    private sealed class HttpEvents : EventListener
    {
        public ConcurrentDictionary<string, long> Seen { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "System.Net.Http")
            {
                EnableEvents(source, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs data)
        {
            if (data.EventName is { } name)
            {
                Seen[name] = Stopwatch.GetTimestamp();
            }
        }
    }
}
