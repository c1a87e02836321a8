using System.Runtime.CompilerServices;
using System.Text;
using NexLLM.Cli.Tests.TestSupport;

namespace NexLLM.Cli.Tests;

/// <summary>
/// The help of every command, compared byte for byte with <c>Snapshots/help.txt</c>, so that a change to the command
/// line shows in review. After a deliberate change, run the tests with <c>NEXLLM_UPDATE_SNAPSHOTS=1</c> (it rewrites the
/// file in the source tree) and review the diff.
/// </summary>
public sealed class HelpSnapshotTests
{
    private static readonly string[][] Commands =
    [
        [], ["chat"], ["models"], ["embed"], ["rerank"], ["image"], ["speak"], ["transcribe"], ["key"], ["key", "check"], ["emulator"],
    ];

    [Fact]
    public async Task TheHelpOfEveryCommand_IsTheSnapshot()
    {
        var actual = new StringBuilder();
        foreach (string[] command in Commands)
        {
            CliResult result = await CliTestRunner.RunAsync([.. command, "--help"]);
            Assert.True(result.ExitCode == 0 && result.Error.Length == 0, result.ToString());
            actual.Append("$ nexllm ").AppendJoin(' ', command.Append("--help")).Append('\n').Append(result.Output).Append('\n');
        }

        string path = SnapshotPath();
        if (Environment.GetEnvironmentVariable("NEXLLM_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(path, actual.ToString(), TestContext.Current.CancellationToken);
        }

        string expected = File.Exists(path) ? (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        Assert.True(
            expected == actual.ToString(),
            $"The help differs from {path}. If the change is meant, run the tests with NEXLLM_UPDATE_SNAPSHOTS=1 to rewrite it and review the diff.\n--- actual\n{actual}");
    }

    private static string SnapshotPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", "help.txt");
}
