using System.Diagnostics.Tracing;
using System.Reflection;
using NexLLM.Connectors.Benchmarks.Cases;

namespace NexLLM.Connectors.Benchmarks.Profiling;

/// <summary>
/// Where the bytes go: runs one contestant of one case in a loop and samples the runtime's allocation ticks (one event
/// per ~100 KB allocated, naming the type that crossed the line), which over many megabytes gives each type's share of
/// the allocated bytes. <c>dotnet run -c Release --project bench/NexLLM.Connectors.Benchmarks -- --alloc ClaudeStreaming.Ours</c>.
/// </summary>
internal static class AllocationProfile
{
    /// <summary>Runs the contestant for <paramref name="seconds"/>; with <paramref name="sampleAllocations"/>, reports where its bytes go.</summary>
    /// <remarks>Without sampling it is a plain loop to attach a CPU profiler to (<c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>).</remarks>
    public static async Task RunAsync(string target, int seconds, bool sampleAllocations = true)
    {
        string[] parts = target.Split('.');
        Type type = typeof(Contestants).Assembly.GetTypes().Single(t => t.Name == parts[0] && t.IsSubclassOf(typeof(Contestants)));
        var bench = (Contestants)Activator.CreateInstance(type)!;
        MethodInfo method = type.GetMethod(parts[1])!;
        int perInvoke = method.GetCustomAttribute<BenchmarkDotNet.Attributes.BenchmarkAttribute>()?.OperationsPerInvoke ?? 1;
        await bench.SetupAsync();
        for (int i = 0; i < 20; i++)
        {
            await (Task)method.Invoke(bench, null)!;
        }

        using TickListener? listener = sampleAllocations ? new TickListener() : null;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        long operations = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await (Task)method.Invoke(bench, null)!;
            operations += perInvoke;
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        listener?.Dispose();
        await bench.CleanupAsync();
        if (listener is null)
        {
            Console.WriteLine($"{target}: {operations:N0} operations, {clock.Elapsed.TotalMicroseconds / operations:N3} us per operation");
            return;
        }

        Console.WriteLine($"{target}: {operations:N0} operations, {allocated / (double)operations:N1} B per operation (all threads of this process)");
        long sampled = listener.Bytes.Values.Sum();
        foreach ((string name, long bytes) in listener.Bytes.OrderByDescending(pair => pair.Value).Take(30))
        {
            Console.WriteLine($"{bytes * 100.0 / sampled,6:N1} %  {bytes * (allocated / (double)sampled) / operations,9:N1} B/op  {name}");
        }
    }

    private sealed class TickListener : EventListener
    {
        private readonly object _gate = new();

        public Dictionary<string, long> Bytes { get; } = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs data)
        {
            if (data.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || data.PayloadNames is null)
            {
                return;
            }

            string typeName = data.Payload![data.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            long amount = Convert.ToInt64(data.Payload[data.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            lock (_gate)
            {
                Bytes[typeName] = Bytes.GetValueOrDefault(typeName) + amount;
            }
        }
    }
}
