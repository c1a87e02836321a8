using System.Globalization;

namespace NexLLM.Connectors.Benchmarks.Report;

/// <summary>One contestant's result in one case: mean time and bytes allocated per operation (per chunk for streams).</summary>
internal sealed record ContestantResult(string Contestant, double MeanNanoseconds, double AllocatedBytes);

/// <summary>One case (a benchmark class) and its contestants, as BenchmarkDotNet's CSV report gives them.</summary>
internal sealed record CaseResult(string Case, IReadOnlyList<ContestantResult> Contestants)
{
    public ContestantResult? Find(string contestant) => Contestants.FirstOrDefault(result => result.Contestant == contestant);
}

/// <summary>Reads the <c>*-report.csv</c> files BenchmarkDotNet writes (values carry their units: "2.006 μs", "18.73 KB").</summary>
internal static class BenchmarkResults
{
    private const string ReportSuffix = "-report.csv";

    /// <summary>The cases in the order the README lists them.</summary>
    public static readonly string[] CaseOrder =
        ["ChatCompletionsResponse", "ChatCompletionsStreaming", "ClaudeResponse", "ClaudeStreaming", "GeminiStreaming", "ResponsesStreaming", "EmbeddingsBase64", "EmbeddingsFloatJson", "ImagesBase64", "TranscriptionUpload", "SpeechStreaming", "SpeechFirstByte"];

    public static IReadOnlyList<CaseResult> Load(string directory)
    {
        var cases = new List<CaseResult>();
        foreach (string path in Directory.GetFiles(directory, "*" + ReportSuffix))
        {
            string name = Path.GetFileName(path)[..^ReportSuffix.Length];
            name = name[(name.LastIndexOf('.') + 1)..];
            string[] lines = File.ReadAllLines(path);
            List<string> header = Split(lines[0]);
            int method = header.IndexOf("Method"), mean = header.IndexOf("Mean"), allocated = header.IndexOf("Allocated");
            var results = lines.Skip(1)
                .Where(line => line.Length > 0)
                .Select(Split)
                .Select(row => new ContestantResult(row[method], Nanoseconds(row[mean]), Bytes(row[allocated])))
                .ToList();
            cases.Add(new CaseResult(name, results));
        }

        return [.. cases.OrderBy(result => Array.IndexOf(CaseOrder, result.Case) is var index and >= 0 ? index : int.MaxValue)];
    }

    private static double Nanoseconds(string value)
    {
        (double number, string unit) = Parse(value);
        return number * unit switch
        {
            "ns" => 1,
            "μs" or "us" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            _ => throw new FormatException($"Unknown time unit in '{value}'."),
        };
    }

    /// <summary>BenchmarkDotNet's sizes are binary: 1 KB = 1,024 B.</summary>
    private static double Bytes(string value)
    {
        (double number, string unit) = Parse(value);
        return number * unit switch
        {
            "B" => 1,
            "KB" => 1024,
            "MB" => 1024 * 1024,
            "GB" => 1024 * 1024 * 1024,
            _ => throw new FormatException($"Unknown size unit in '{value}'."),
        };
    }

    private static (double Number, string Unit) Parse(string value)
    {
        string[] parts = value.Trim().Split(' ', 2);
        return (double.Parse(parts[0], NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture), parts.Length > 1 ? parts[1] : "");
    }

    /// <summary>Splits one CSV line; a field holding the separator ("1,220.4 μs") is quoted.</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
