using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NexLLM.Connectors.Tests.Fuzz;

/// <summary>
/// Mutated transcripts through every decoder (chat completions, Claude Messages, Gemini and Responses, each streamed and not; OpenAI
/// and Gemini embeddings): each case ends in a success with the right content or a <see cref="NexLLMException"/>; never
/// another exception, never a hang, never a stream that succeeds after losing its end, never an unreleased body.
/// </summary>
/// <remarks>
/// By default a bounded, fixed-seed run. A long run: <c>NEXLLM_FUZZ_CASES=200000</c> (and <c>NEXLLM_FUZZ_SEED=n</c>, else a
/// random seed, printed). One case again: <c>NEXLLM_FUZZ_SEED=n NEXLLM_FUZZ_CASE=k</c>, both printed with every failure.
/// </remarks>
public sealed class DecoderFuzzTests
{
    private const int DefaultSeed = 20_260_611;
    private const int DefaultCases = 4_000;
    private const int MaxReportedFailures = 10;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Every_decoder_ends_each_mutated_transcript_in_its_content_or_a_NexLLMException()
    {
        (int seed, int cases, int? only) = Settings();
        Dictionary<FuzzTranscript, string> baselines = await BaselinesAsync();
        var decoders = Enum.GetValues<FuzzDecoder>();
        var stats = new Dictionary<FuzzDecoder, DecoderStats>();
        var expectations = new SortedDictionary<FuzzExpectation, int>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        for (int number = only ?? 0; number < (only + 1 ?? cases) && failures.Count < MaxReportedFailures; number++)
        {
            FuzzDecoder decoder = decoders[number % decoders.Length];
            FuzzTranscript[] ofDecoder = [.. FuzzTranscripts.All.Where(t => t.Decoder == decoder)];
            FuzzCase fuzzCase = FuzzMutator.Create(seed, number, ofDecoder[number / decoders.Length % ofDecoder.Length]);
            (FuzzOutcome? outcome, string? problem) = await CheckAsync(fuzzCase, baselines[fuzzCase.Transcript]);

            DecoderStats counts = stats.TryGetValue(decoder, out DecoderStats? known) ? known : stats[decoder] = new DecoderStats();
            counts.Add(outcome);
            expectations[fuzzCase.Expectation] = expectations.GetValueOrDefault(fuzzCase.Expectation) + 1;
            if (problem is not null)
            {
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{problem}\n    {fuzzCase}\n    reproduce: NEXLLM_FUZZ_SEED={seed} NEXLLM_FUZZ_CASE={number}"));
            }
        }

        clock.Stop();
        Report(seed, cases, only, clock.Elapsed, stats, expectations);
        Assert.True(failures.Count == 0, $"Seed {seed}: {failures.Count} failing case(s) (at most {MaxReportedFailures} shown):\n" + string.Join("\n", failures));
    }

    /// <summary>Every transcript, unmutated and whole, succeeds: its rendering is what equivalent mutations must give.</summary>
    private static async Task<Dictionary<FuzzTranscript, string>> BaselinesAsync()
    {
        var baselines = new Dictionary<FuzzTranscript, string>();
        foreach (FuzzTranscript transcript in FuzzTranscripts.All)
        {
            var plain = new FuzzCase(-1, transcript, transcript.Body, null, null, FuzzDelivery.Whole, [], "unmutated", FuzzExpectation.Identical);
            FuzzOutcome outcome = await FuzzRunner.RunAsync(plain, TestContext.Current.CancellationToken);
            Assert.True(outcome.Error is null, $"The unmutated transcript {transcript.Decoder} '{transcript.Name}' failed: {outcome.Error}");
            Assert.Contains(transcript.Marker, outcome.Result!.Rendering, StringComparison.Ordinal);
            baselines[transcript] = outcome.Result.Rendering;
        }

        return baselines;
    }

    /// <summary>Runs one case under its timeout; returns how it ended and what is wrong with that, if anything.</summary>
    private static async Task<(FuzzOutcome? Outcome, string? Problem)> CheckAsync(FuzzCase fuzzCase, string baseline)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(CaseTimeout);
        FuzzOutcome outcome;
        try
        {
            // The token covers a client that honours it; the wait covers one that does not.
            outcome = await FuzzRunner.RunAsync(fuzzCase, timeout.Token).WaitAsync(CaseTimeout * 2, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            return (null, $"hang: no outcome within {(CaseTimeout * 2).TotalSeconds} s, even after cancellation");
        }

        Exception? error = outcome.Error;
        string? problem = true switch
        {
            _ when timeout.IsCancellationRequested => $"hang: still running after {CaseTimeout.TotalSeconds} s (then {error?.GetType().Name ?? "success"})",
            _ when error is not (null or NexLLMException) => $"untyped exception: {error}",
            _ when !outcome.BodyReleased => "the response body was not released",
            _ => fuzzCase.Expectation switch
            {
                FuzzExpectation.Identical when error is not null => $"expected the unmutated content, got {error}",
                FuzzExpectation.Identical or FuzzExpectation.IdenticalOrFails when error is null && outcome.Result!.Rendering != baseline =>
                    $"content differs from the unmutated transcript:\n    expected {baseline}\n    actual   {outcome.Result.Rendering}",
                FuzzExpectation.Fails when error is null => $"silent success (a truncation or a bad encoding was accepted): {outcome.Result!.Rendering}",
                FuzzExpectation.TextReplaced when error is not null => $"invalid UTF-8 in text must become U+FFFD, got {error}",
                FuzzExpectation.TextReplaced when !outcome.Result!.Text.Contains('\uFFFD', StringComparison.Ordinal) => $"no U+FFFD in the text: {outcome.Result.Text}",
                FuzzExpectation.ArgumentsRefused when error is not NexLLMException { Kind: NexLLMErrorKind.InvalidResponse } typed
                    || !typed.Message.Contains("not valid UTF-8", StringComparison.Ordinal) =>
                    $"invalid UTF-8 in arguments must be an InvalidResponse that says so, got {error?.ToString() ?? outcome.Result!.Rendering}",
                _ => null,
            },
        };

        return (outcome, problem);
    }

    private static (int Seed, int Cases, int? Only) Settings()
    {
        int? cases = Read("NEXLLM_FUZZ_CASES");
        int? only = Read("NEXLLM_FUZZ_CASE");

        // A long run without a seed explores a new one each time; the bounded run is the same on every machine.
        int seed = Read("NEXLLM_FUZZ_SEED") ?? (cases is null && only is null ? DefaultSeed : Environment.TickCount & int.MaxValue);
        return (seed, cases ?? DefaultCases, only);

        static int? Read(string name) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;
    }

    private static void Report(
        int seed, int cases, int? only, TimeSpan elapsed, Dictionary<FuzzDecoder, DecoderStats> stats, SortedDictionary<FuzzExpectation, int> expectations)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Fuzz seed {seed}, {(only is { } one ? $"case {one} only" : $"{cases} cases")}, {elapsed.TotalSeconds:0.0} s\n");
        foreach ((FuzzDecoder decoder, DecoderStats counts) in stats.OrderBy(s => s.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {decoder,-22} {counts}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  {"total",-22} {stats.Values.Sum(s => s.Cases),5} cases, expected: {string.Join(", ", expectations.Select(e => $"{e.Key} {e.Value}"))}");
        TestContext.Current.TestOutputHelper?.WriteLine(text.ToString());
    }

    /// <summary>Case counts of one decoder: by outcome, and the failures by kind.</summary>
    private sealed class DecoderStats
    {
        private readonly SortedDictionary<string, int> _failures = new(StringComparer.Ordinal);
        private int _successes;

        public int Cases { get; private set; }

        public void Add(FuzzOutcome? outcome)
        {
            Cases++;
            if (outcome is { Error: null })
            {
                _successes++;
            }
            else
            {
                string kind = outcome?.Error is NexLLMException typed ? typed.Kind.ToString() : outcome?.Error?.GetType().Name ?? "hang";
                _failures[kind] = _failures.GetValueOrDefault(kind) + 1;
            }
        }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Cases,5} cases: {_successes,5} successes; NexLLMException {string.Join(", ", _failures.Select(f => $"{f.Key} {f.Value}"))}");
    }
}
