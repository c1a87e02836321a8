using System.Runtime.CompilerServices;
using System.Text;
using NexLLM.Cli.Tests.TestSupport;

namespace NexLLM.Cli.Tests;

/// <summary>
/// The help of every command, compared byte for byte with <c>Snapshots/help.txt</c>, so that a change to the command
/// line shows in review. Trailing spaces are ignored on both sides (the help pads its columns; editors and .editorconfig
/// trim them). After a deliberate change, run the tests with <c>NEXLLM_UPDATE_SNAPSHOTS=1</c>: the test rewrites the file in
/// the source tree and fails, so that a run that rewrote it never passes; review the diff and rerun.
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
        string help = TrimLineEnds(actual.ToString());
        string expected = File.Exists(path) ? TrimLineEnds(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)) : string.Empty;
        if (expected != help && Environment.GetEnvironmentVariable("NEXLLM_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(path, help, TestContext.Current.CancellationToken);
            Assert.Fail($"The snapshot {path} was updated: review the diff and rerun the tests without NEXLLM_UPDATE_SNAPSHOTS.");
        }

        Assert.True(
            expected == help,
            $"The help differs from {path}. If the change is meant, run the tests with NEXLLM_UPDATE_SNAPSHOTS=1 to rewrite it and review the diff.\n--- actual\n{help}");
    }

    [Fact]
    public void TrailingSpaces_AndCarriageReturns_DoNotCount()
    {
        Assert.Equal("Usage:\n  nexllm\n", TrimLineEnds("Usage:  \r\n  nexllm \t\n"));
    }

    /// <summary>The text with LF line ends and no spaces at the end of a line.</summary>
    internal static string TrimLineEnds(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd(' ', '\t')));

    private static string SnapshotPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", "help.txt");
}
