using System.Text;
using System.Text.RegularExpressions;

namespace NexLLM.Connectors.IntegrationTests.Peers.Js;

/// <summary>One test as node's TAP reporter wrote it: its name, whether it passed, and its YAML diagnostics.</summary>
internal sealed record TapTest(string Name, bool Passed, bool Skipped, string Diagnostics);

/// <summary>
/// The tests in the output of <c>node --test --test-reporter=tap</c>: each <c>ok</c> / <c>not ok</c> line and the YAML
/// block under it (for a failure: location, the assertion's message, expected, actual, stack), so that a failing JS
/// test shows its name and message in the .NET failure.
/// </summary>
internal static partial class TapReport
{
    public static IReadOnlyList<TapTest> Parse(string output)
    {
        var tests = new List<TapTest>();
        string[] lines = output.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Match result = ResultLine().Match(lines[i]);
            if (!result.Success)
            {
                continue;
            }

            string indent = result.Groups["indent"].Value;
            var diagnostics = new StringBuilder();
            if (i + 1 < lines.Length && lines[i + 1] == indent + "  ---")
            {
                for (i += 2; i < lines.Length && lines[i] != indent + "  ..."; i++)
                {
                    if (!lines[i].TrimStart().StartsWith("duration_ms:", StringComparison.Ordinal))
                    {
                        diagnostics.AppendLine(lines[i]);
                    }
                }
            }

            string directive = result.Groups["directive"].Value;
            tests.Add(new TapTest(
                result.Groups["name"].Value,
                result.Groups["status"].Value == "ok",
                directive.StartsWith("SKIP", StringComparison.OrdinalIgnoreCase) || directive.StartsWith("TODO", StringComparison.OrdinalIgnoreCase),
                diagnostics.ToString()));
        }

        return tests;
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<status>ok|not ok) \d+ - (?<name>.*?)(?: # (?<directive>(?:SKIP|TODO)\b.*))?$")]
    private static partial Regex ResultLine();
}
