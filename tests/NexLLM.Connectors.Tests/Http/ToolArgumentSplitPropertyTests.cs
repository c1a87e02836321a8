using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>
/// Property: however a server cuts a tool call's arguments into fragments, the streamed call reassembles to exactly the
/// call the non-streamed answer carries (docs/reliability.md, "Streams"). Cuts land everywhere: inside the inner JSON's
/// <c>\uXXXX</c> and <c>\"</c> escapes, between multi-byte characters, and between the two halves of a surrogate pair
/// (written as two lone <c>\uD83D</c>/<c>\uDE00</c> escapes in the outer JSON strings, as Python's <c>json.dumps</c> does).
/// </summary>
public sealed class ToolArgumentSplitPropertyTests
{
    /// <summary>Arguments text (the inner JSON) with every hazard: escapes, braces inside strings, non-ASCII, an emoji.</summary>
    private const string Arguments = """{"city":"São Paulo \u00e9 😀","note":"say \"}{\" \\ ok","n":[1,{"d":2}],"e":""}""";

    private static string NonStreamedBody =>
        """{"id":"chatcmpl-1","object":"chat.completion","created":1710000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":"""
        + """[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"""
        + Json.Quote(Arguments)
        + """}}]},"finish_reason":"tool_calls"}]}""";

    private static async Task<string> ExpectedCallAsync()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(NonStreamedBody));
        var call = Assert.IsType<FunctionCallContent>(Assert.Single((await harness.AskAsync()).Messages[0].Contents));
        Assert.Null(call.Exception);
        return UpdateText.Render(call);
    }

    private static string StreamOf(List<string> fragments, bool asciiOnly)
    {
        var events = new List<string> { Chunk.Role() };
        for (int i = 0; i < fragments.Count; i++)
        {
            string arguments = Json.Quote(fragments[i], asciiOnly);
            string call = i == 0 ? """{"index":0,"id":"call_1","type":"function","function":{"name":"lookup","arguments":""" : """{"index":0,"function":{"arguments":""";
            events.Add(Chunk.Delta("{\"tool_calls\":[" + call + arguments + "}}]}"));
        }

        events.Add(Chunk.Finish("tool_calls"));
        return Sse.Stream([.. events]);
    }

    /// <summary>Streams every cut in turn through one client and returns the cuts whose call differs from the expected one.</summary>
    private static async Task<List<string>> MismatchesAsync(IEnumerable<int[]> cuts, bool asciiOnly)
    {
        string expected = await ExpectedCallAsync();
        using var harness = new Harness();
        var mismatches = new List<string>();
        foreach (int[] cut in cuts)
        {
            var fragments = new List<string>();
            int from = 0;
            foreach (int at in cut.Append(Arguments.Length))
            {
                fragments.Add(Arguments[from..at]);
                from = at;
            }

            harness.Handler.Enqueue(Reply.Status(200).WithBody(Encoding.UTF8.GetBytes(StreamOf(fragments, asciiOnly))).WithContentType("text/event-stream"));
            try
            {
                var calls = (await harness.StreamAsync()).SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
                string actual = calls.Count == 1 ? UpdateText.Render(calls[0]) : $"{calls.Count} calls";
                if (actual != expected || calls[0].Exception is not null)
                {
                    mismatches.Add($"[{string.Join(",", cut)}]: {actual}");
                }
            }
            catch (NexLLMException ex)
            {
                mismatches.Add($"[{string.Join(",", cut)}]: {ex.Kind} {ex.Message}");
            }
        }

        return mismatches;
    }

    private static bool SplitsSurrogatePair(int at) => at > 0 && at < Arguments.Length && char.IsLowSurrogate(Arguments[at]);

    [Fact]
    public void The_arguments_hold_every_hazard()
    {
        Assert.Contains("\\u00e9", Arguments, StringComparison.Ordinal);
        Assert.Contains("\\\"}{\\\"", Arguments, StringComparison.Ordinal);
        Assert.Contains(Arguments, char.IsSurrogate);
        Assert.Contains(Arguments, c => c > 0x7F && !char.IsSurrogate(c));
    }

    [Fact]
    public async Task Two_fragments_cut_at_every_position_with_ascii_escapes_reassemble_exactly()
    {
        List<string> mismatches = await MismatchesAsync(Enumerable.Range(1, Arguments.Length - 1).Select(at => new[] { at }), asciiOnly: true);

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task Two_fragments_cut_at_every_character_with_raw_utf8_reassemble_exactly()
    {
        // Raw UTF-8 cannot carry half a surrogate pair: those cuts are covered by the escaped variant above.
        var cuts = Enumerable.Range(1, Arguments.Length - 1).Where(at => !SplitsSurrogatePair(at)).Select(at => new[] { at });

        List<string> mismatches = await MismatchesAsync(cuts, asciiOnly: false);

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task Random_cuts_into_many_fragments_reassemble_exactly()
    {
        var random = new Random(20260101);
        var cuts = Enumerable.Range(0, 150).Select(_ =>
            Enumerable.Range(0, random.Next(2, 12)).Select(_ => random.Next(1, Arguments.Length)).Distinct().Order().ToArray());

        List<string> mismatches = await MismatchesAsync(cuts, asciiOnly: true);

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task One_character_per_fragment_reassembles_exactly()
    {
        List<string> mismatches = await MismatchesAsync([[.. Enumerable.Range(1, Arguments.Length - 1)]], asciiOnly: true);

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
