using System.Text;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Peers.Js;

namespace NexLLM.Connectors.IntegrationTests.Peers;

/// <summary>
/// The official JavaScript SDKs — openai, @anthropic-ai/sdk, @google/genai, pinned in tests/js-peers/package-lock.json —
/// drive the emulator with node's test runner (docs/js-peers.md). No Google SDK for .NET is available, so this is where
/// the Gemini routes meet a real client. One test per SDK, so a failure names the SDK and, below, each failing JS test
/// with its assertion message. Skipped only when node is not installed.
/// </summary>
public sealed class JsPeerTests
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public Task OpenAI() => RunAsync(
        "openai",
        "/v1/chat/completions", "/v1/responses", "/v1/embeddings", "/v1/completions", "/v1/models",
        "/v1/images/generations", "/v1/images/edits", "/v1/audio/speech", "/v1/audio/transcriptions");

    [Fact]
    public Task Anthropic() => RunAsync("anthropic", "/v1/messages");

    [Fact]
    public Task GoogleGenAI() => RunAsync(
        "genai",
        "/v1beta/models/gemini-2.5-flash:generateContent", "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
        "/v1beta/models/gemini-embedding-001:batchEmbedContents", "/v1beta/models");

    private static async Task RunAsync(string sdkFolder, params string[] routesTheSdkMustReach)
    {
        Assert.SkipWhen(NodeTools.Node is null, "node is not on PATH: the JavaScript SDK peers (tests/js-peers, docs/js-peers.md) need Node.js 20 or later.");
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        await JsPeersPackage.EnsureInstalledAsync(cancellation);
        string[] files = Directory.GetFiles(Path.Combine(JsPeersPackage.Folder, sdkFolder), "*.test.js").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);

        // Strict, as every integration test: the official SDKs' requests must pass what the real services check (docs/emulator.md).
        await using NexLLMEmulator emulator = await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { Strict = true }, cancellation);
        ChildProcessResult run = await ChildProcess.RunAsync(
            NodeTools.Node!,
            ["--test", "--test-reporter=tap", .. files.Select(f => Path.GetRelativePath(JsPeersPackage.Folder, f))],
            JsPeersPackage.Folder,
            new Dictionary<string, string> { ["NEXLLM_ENDPOINT"] = emulator.Endpoint.ToString(), ["NEXLLM_API_KEY"] = emulator.ApiKey },
            NodeTimeout,
            cancellation);

        IReadOnlyList<TapTest> tests = TapReport.Parse(run.StandardOutput);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', tests.Select(t => $"{(t.Passed ? "ok" : "not ok")} - {t.Name}")));
        List<TapTest> failures = tests.Where(t => !t.Passed && !t.Skipped).ToList();
        if (run.TimedOut || run.ExitCode != 0 || failures.Count > 0 || tests.Count == 0)
        {
            Assert.Fail(Describe(sdkFolder, run, tests, failures));
        }

        HashSet<string> reached = emulator.Requests.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
        Assert.All(routesTheSdkMustReach, route => Assert.Contains(route, reached));
    }

    private static string Describe(string sdkFolder, ChildProcessResult run, IReadOnlyList<TapTest> tests, List<TapTest> failures)
    {
        var message = new StringBuilder();
        message.Append("node --test ").Append(sdkFolder).Append("/*.test.js: ");
        message.AppendLine(run.TimedOut
            ? $"killed after {NodeTimeout}, a test still running; {tests.Count} JS tests had finished (the test output lists them), {failures.Count} of them failed."
            : $"{failures.Count} of {tests.Count} JS tests failed (exit code {run.ExitCode}).");
        foreach (TapTest failure in failures)
        {
            message.AppendLine().Append("not ok - ").AppendLine(failure.Name).Append(failure.Diagnostics);
        }

        if (failures.Count == 0 && !run.TimedOut)
        {
            // Nothing to point at (no tests found, a crash): show what node said.
            message.AppendLine().AppendLine(run.StandardOutput.Trim());
        }

        return message.AppendLine().Append(run.StandardError.Trim()).ToString();
    }
}
