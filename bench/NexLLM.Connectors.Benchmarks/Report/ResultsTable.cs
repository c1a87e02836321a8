using System.Globalization;
using System.Text;

namespace NexLLM.Connectors.Benchmarks.Report;

/// <summary>The README's table: each case's three contestants, our ratios, and the performance goals of the issues (7 for chat and embeddings, 14 for images, the audio issue's) checked against them.</summary>
internal static class ResultsTable
{
    /// <summary>Bytes of the floats 256 × 1,536 embeddings return: the yardstick of the embeddings' allocation goals.</summary>
    private const double EmbeddingFloatBytes = 256 * 1536 * sizeof(float);

    /// <summary>Bytes of the four decoded images of the image case: the yardstick of its allocation goal.</summary>
    private const double ImageBytes = Replay.Scenarios.ImageCount * (double)Replay.Scenarios.ImageBytes;

    private static readonly Dictionary<string, (string Title, Goal Goal)> Cases = new()
    {
        ["ChatCompletionsResponse"] = ("Chat completions, one 500-token response", new(0.7, 0.4)),
        ["ChatCompletionsStreaming"] = ("Chat completions, streamed (per chunk of 2,000)", new(0.25, 0.2)),
        ["ClaudeResponse"] = ("Claude Messages, one 500-token response", new(0.7, 0.4)),
        ["ClaudeStreaming"] = ("Claude Messages, streamed (per event of 2,000)", new(0.15, 0.1)),
        ["GeminiStreaming"] = ("Gemini, streamed (per chunk of 2,000)", new(null, null)),
        ["ResponsesStreaming"] = ("Responses API, streamed (per event of 2,000)", new(0.3, 0.15)),
        ["EmbeddingsBase64"] = ("Embeddings 256 × 1,536, base64 body", new(0.5, null, new(1.3, EmbeddingFloatBytes, "floats"))),
        ["EmbeddingsFloatJson"] = ("Embeddings 256 × 1,536, float-JSON body", new(0.6, null, new(2.0, EmbeddingFloatBytes, "floats"))),
        ["ImagesBase64"] = ("Images, four 1024 × 1024 PNGs as b64_json (6 MB body)", new(0.5, null, new(1.3, ImageBytes, "decoded images"))),
        ["TranscriptionUpload"] = ("Transcription, 20 MiB WAV uploaded from a MemoryStream", new(1.0, 0.05)),
        ["SpeechStreaming"] = ("Speech, 1 MiB MP3 streamed in 16 pieces: whole stream", new(null, null)),
        ["SpeechFirstByte"] = ("Speech, 1 MiB MP3 streamed in 16 pieces: first audio byte", new(null, null, FirstByteOf: "SpeechStreaming")),
    };

    public static string Title(string name) => Cases.TryGetValue(name, out var known) ? known.Title : name;

    public static string Markdown(IReadOnlyList<CaseResult> results)
    {
        var table = new StringBuilder()
            .AppendLine("| Case | Anchor | Ours | Floor | Ours ÷ anchor (time, bytes) | Ours ÷ floor (time) | Goals |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (CaseResult result in results)
        {
            ContestantResult? anchor = result.Find("Anchor"), ours = result.Find("Ours"), floor = result.Find("Floor");
            Goal goal = Cases.TryGetValue(result.Case, out var known) ? known.Goal : new(null, null);
            string vsAnchor = ours is not null && anchor is not null
                ? $"{Ratio(ours.MeanNanoseconds / anchor.MeanNanoseconds)}, {Ratio(ours.AllocatedBytes / anchor.AllocatedBytes)}"
                : "–";
            string vsFloor = ours is not null && floor is not null ? Ratio(ours.MeanNanoseconds / floor.MeanNanoseconds) : "–";
            table.AppendLine(CultureInfo.InvariantCulture, $"| {Title(result.Case)} | {Cell(anchor)} | {Cell(ours)} | {Cell(floor)} | {vsAnchor} | {vsFloor} | {Check(goal, anchor, ours, floor, results)} |");
        }

        return table.ToString();
    }

    public static string Time(double nanoseconds) => nanoseconds switch
    {
        >= 1e6 => Format(nanoseconds / 1e6, "ms"),
        >= 1e3 => Format(nanoseconds / 1e3, "µs"),
        _ => Format(nanoseconds, "ns"),
    };

    public static string Size(double bytes) => bytes switch
    {
        >= 1024 * 1024 => Format(bytes / (1024 * 1024), "MB"),
        >= 1024 => Format(bytes / 1024, "KB"),
        _ => Format(bytes, "B"),
    };

    private static string Format(double value, string unit) =>
        value.ToString(value >= 100 ? "N0" : value >= 10 ? "N1" : "N2", CultureInfo.InvariantCulture) + " " + unit;

    private static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static string Cell(ContestantResult? result) => result is null ? "–" : $"{Time(result.MeanNanoseconds)}, {Size(result.AllocatedBytes)}";

    /// <summary>Each goal of the case, met or missed, with the measured ratio.</summary>
    private static string Check(Goal goal, ContestantResult? anchor, ContestantResult? ours, ContestantResult? floor, IReadOnlyList<CaseResult> results)
    {
        if (ours is null)
        {
            return "–";
        }

        var checks = new List<string>();
        if (goal.Time is { } time && anchor is not null)
        {
            checks.Add(Verdict("time", ours.MeanNanoseconds / anchor.MeanNanoseconds, time, "anchor"));
        }

        if (goal.Bytes is { } bytes && anchor is not null)
        {
            checks.Add(Verdict("bytes", ours.AllocatedBytes / anchor.AllocatedBytes, bytes, "anchor"));
        }

        if (goal.OfPayload is { } payload)
        {
            checks.Add(Verdict("bytes", ours.AllocatedBytes / payload.Bytes, payload.Limit, payload.Name));
        }

        if (goal.FirstByteOf is { } whole && results.FirstOrDefault(result => result.Case == whole)?.Find("Ours") is { } oursWhole)
        {
            // The goal: the first audio byte arrives before the body ends, that is, well before the whole stream's time.
            checks.Add(Verdict("first byte", ours.MeanNanoseconds / oursWhole.MeanNanoseconds, 1, "our whole stream"));
        }

        if (floor is not null)
        {
            checks.Add(Verdict("time", ours.MeanNanoseconds / floor.MeanNanoseconds, 1.5, "floor"));
        }

        return string.Join("; ", checks);
    }

    private static string Verdict(string what, double ratio, double limit, string against)
    {
        // Two decimals can round a miss onto its limit (1.004 shows as 1.00): then a third decimal shows why it missed.
        string shown = ratio > limit && Math.Round(ratio, 2) <= limit ? ratio.ToString("0.000", CultureInfo.InvariantCulture) + "×" : Ratio(ratio);
        return $"{what} {shown} {against} (≤ {limit.ToString("0.##", CultureInfo.InvariantCulture)}×) {(ratio <= limit ? "met" : "**missed**")}";
    }

    /// <summary>
    /// The goals of one case: ratios of ours to the anchor, for embeddings and images to the bytes of what they return,
    /// and for a first-byte case to our time for the whole stream in the case named <paramref name="FirstByteOf"/>.
    /// </summary>
    private sealed record Goal(double? Time, double? Bytes, PayloadGoal? OfPayload = null, string? FirstByteOf = null);

    /// <summary>At most <paramref name="Limit"/> times <paramref name="Bytes"/> allocated: the returned floats or images (<paramref name="Name"/>).</summary>
    private sealed record PayloadGoal(double Limit, double Bytes, string Name);
}
