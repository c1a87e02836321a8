using System.Globalization;
using System.Runtime.InteropServices;

namespace NexLLM.Connectors.Benchmarks.Report;

/// <summary><c>--report</c>: prints the markdown table of the last run and writes its chart.</summary>
internal static class ReportCommand
{
    public static void Run(string resultsDirectory, string chartPath)
    {
        IReadOnlyList<CaseResult> results = BenchmarkResults.Load(resultsDirectory);
        if (results.Count == 0)
        {
            throw new InvalidOperationException($"No *-report.csv in '{resultsDirectory}': run the benchmarks first.");
        }

        string machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
        string date = File.GetLastWriteTimeUtc(Directory.GetFiles(resultsDirectory, "*-report.csv").Max()!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(chartPath))!);
        File.WriteAllText(chartPath, ResultsChart.Svg(results, $"NexLLM.Connectors against the anchors and a hand-written floor ({date}, {machine})"));
        Console.WriteLine($"Measured {date} on {machine}.");
        Console.WriteLine();
        Console.Write(ResultsTable.Markdown(results));
        Console.WriteLine();
        Console.WriteLine($"Chart written to {chartPath}.");
    }
}
