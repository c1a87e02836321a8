using BenchmarkDotNet.Running;
using NexLLM.Connectors.Benchmarks.Profiling;
using NexLLM.Connectors.Benchmarks.Replay;
using NexLLM.Connectors.Benchmarks.Report;

// Runs the cases picked by the command line, e.g.:
//   dotnet run -c Release --project bench/NexLLM.Connectors.Benchmarks -- --filter '*'
//   dotnet run -c Release --project bench/NexLLM.Connectors.Benchmarks -- --filter '*Streaming*' --job short
// or samples where one contestant's bytes go, or loops it for a CPU profiler:
//   dotnet run -c Release --project bench/NexLLM.Connectors.Benchmarks -- --alloc ChatCompletionsStreaming.Ours [seconds]
//   DOTNET_PerfMapEnabled=1 perf record -g dotnet bench/.../NexLLM.Connectors.Benchmarks.dll --loop ChatCompletionsStreaming.Ours 10
// or splits the time of one non-streamed call at the HTTP events:
//   dotnet run -c Release --project bench/NexLLM.Connectors.Benchmarks -- --phases ClaudeResponse.Ours
// and turns the last run's results into the README's table and chart:
//   dotnet run -c Release --project bench/NexLLM.Connectors.Benchmarks -- --report [results directory] [chart.svg]
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
    case ["--phases", string target, ..]:
        await PhaseProfile.RunAsync(target, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
        break;
    case ["--report", ..]:
        ReportCommand.Run(
            args.Length > 1 ? args[1] : Path.Combine("BenchmarkDotNet.Artifacts", "results"),
            args.Length > 2 ? args[2] : Path.Combine("docs", "benchmarks.svg"));
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        break;
}
