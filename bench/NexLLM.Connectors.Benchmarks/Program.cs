using BenchmarkDotNet.Running;
using NexLLM.Connectors.Benchmarks.Profiling;
using NexLLM.Connectors.Benchmarks.Replay;

// Runs the cases picked by the command line, e.g.:
//   dotnet run -c Release --project bench/NexLLM.Connectors.Benchmarks -- --filter '*'
//   dotnet run -c Release --project bench/NexLLM.Connectors.Benchmarks -- --filter '*Streaming*' --job short
// or samples where one contestant's bytes go, or loops it for a CPU profiler:
//   dotnet run -c Release --project bench/NexLLM.Connectors.Benchmarks -- --alloc ChatCompletionsStreaming.Ours [seconds]
//   DOTNET_PerfMapEnabled=1 perf record -g dotnet bench/.../NexLLM.Connectors.Benchmarks.dll --loop ChatCompletionsStreaming.Ours 10
// (`--serve SCENARIO` is the replay server's own process, started by each case.)
switch (args)
{
    case ["--serve", string scenario]:
        await ReplayServer.ServeAsync(scenario);
        break;
    case ["--alloc" or "--loop", string target, ..]:
        await AllocationProfile.RunAsync(
            target, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10, sampleAllocations: args[0] == "--alloc");
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        break;
}
