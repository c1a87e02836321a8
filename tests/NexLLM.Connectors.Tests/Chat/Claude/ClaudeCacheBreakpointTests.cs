using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.TestSupport.ClaudeCalls;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>
/// Anthropic's breakpoint rules (docs/protocols/claude-messages.md#prompt-caching): read in the order tools, system,
/// messages, a 1-hour breakpoint must not follow a 5-minute one, and a request holds at most 4 (automatic caching takes
/// one). What Claude refuses is an <see cref="ArgumentException"/> and nothing is sent.
/// </summary>
public sealed class ClaudeCacheBreakpointTests
{
    private const NexLLMCacheTtl Short = NexLLMCacheTtl.FiveMinutes;
    private const NexLLMCacheTtl Long = NexLLMCacheTtl.OneHour;

    private static readonly AIFunctionDeclaration Time = AIFunctionFactory.CreateDeclaration("get_time", null, JsonElementOf("""{"type":"object","properties":{}}"""));

    /// <summary>Options with instructions and two tools, the tools and the system prompt cached as asked (null: not cached).</summary>
    private static ChatOptions Options(NexLLMCacheTtl? tools, NexLLMCacheTtl? system)
    {
        var options = new ChatOptions { Instructions = "Answer from the handbook.", Tools = [Weather, Time] };
        return (tools, system) switch
        {
            ({ } t, { } s) => options.WithClaudeToolCaching(t).WithClaudeSystemCaching(s),
            ({ } t, null) => options.WithClaudeToolCaching(t),
            (null, { } s) => options.WithClaudeSystemCaching(s),
            _ => options,
        };
    }

    /// <summary>A user message (the handbook), an assistant reply and a question; the first and last may carry breakpoints.</summary>
    private static List<ChatMessage> Conversation(NexLLMCacheTtl? handbook, NexLLMCacheTtl? question)
    {
        var first = new ChatMessage(ChatRole.User, "The handbook.");
        var last = new ChatMessage(ChatRole.User, "Who approves travel?");
        return [handbook is { } h ? first.WithClaudeCacheBreakpoint(h) : first, new(ChatRole.Assistant, "Ask me."), question is { } q ? last.WithClaudeCacheBreakpoint(q) : last];
    }

    /// <summary>Every <c>cache_control</c> of a body in Claude's order, as <c>path ttl</c>.</summary>
    private static List<string> BreakpointsOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        JsonElement root = document.RootElement;
        var found = new List<string>();
        foreach (string section in (string[])["tools", "system"])
        {
            if (root.TryGetProperty(section, out JsonElement items))
            {
                found.AddRange(items.EnumerateArray().Select((item, i) => Ttl($"{section}.{i}", item)).OfType<string>());
            }
        }

        found.AddRange(root.GetProperty("messages").EnumerateArray()
            .SelectMany((message, m) => message.GetProperty("content").EnumerateArray().Select((block, b) => Ttl($"messages.{m}.content.{b}", block)))
            .OfType<string>());
        found.AddRange(new[] { Ttl("top", root) }.OfType<string>());
        return found;

        static string? Ttl(string path, JsonElement item) => item.TryGetProperty("cache_control", out JsonElement cc)
            ? path + " " + (cc.TryGetProperty("ttl", out JsonElement ttl) ? ttl.GetString() : "5m")
            : null;
    }

    public sealed class Accepted
    {
        [Fact]
        public async Task All_five_minutes()
        {
            string body = await SentClaudeBodyAsync(Conversation(Short, Short), Options(Short, Short));

            Assert.Equal(["tools.1 5m", "system.0 5m", "messages.0.content.0 5m", "messages.2.content.0 5m"], BreakpointsOf(body));
        }

        [Fact]
        public async Task All_one_hour()
        {
            string body = await SentClaudeBodyAsync(Conversation(Long, Long), Options(Long, Long));

            Assert.Equal(["tools.1 1h", "system.0 1h", "messages.0.content.0 1h", "messages.2.content.0 1h"], BreakpointsOf(body));
        }

        [Fact]
        public async Task One_hour_on_the_tools_and_system_then_five_minutes_on_the_messages()
        {
            string body = await SentClaudeBodyAsync(Conversation(Long, Short), Options(Long, Long));

            Assert.Equal(["tools.1 1h", "system.0 1h", "messages.0.content.0 1h", "messages.2.content.0 5m"], BreakpointsOf(body));
        }

        [Fact]
        public async Task One_hour_on_the_tools_then_five_minutes_on_the_system_then_automatic_caching_of_five_minutes()
        {
            string body = await SentClaudeBodyAsync(Conversation(Short, null), Options(Long, Short).WithClaudePromptCaching());

            Assert.Equal(["tools.1 1h", "system.0 5m", "messages.0.content.0 5m", "top 5m"], BreakpointsOf(body));
        }

        [Fact]
        public async Task Automatic_caching_on_a_last_block_that_has_the_same_ttl()
        {
            string body = await SentClaudeBodyAsync(Conversation(null, Long), new ChatOptions().WithClaudePromptCaching(Long));

            Assert.Equal(["messages.2.content.0 1h", "top 1h"], BreakpointsOf(body));
        }
    }

    public sealed class Refused
    {
        private const string OrderRule =
            "Claude reads tools, then system, then messages (numbered after consecutive messages of one role are merged), and refuses a longer TTL " +
            "after a shorter one: use one TTL, or put the 1-hour breakpoints first.";

        public static TheoryData<string, List<ChatMessage>, ChatOptions?, string> Cases => new()
        {
            {
                "a 1-hour message after a 5-minute system prompt (the prompt caching guide's example before it was fixed)",
                [new ChatMessage(ChatRole.User, "The handbook.").WithClaudeCacheBreakpoint(Long), new(ChatRole.User, "Who approves travel?")],
                new ChatOptions { Instructions = "Answer from the handbook." }.WithClaudeSystemCaching(),
                "The 1-hour cache breakpoint at messages.0.content.0 comes after a 5-minute one at system.0. " + OrderRule
            },
            {
                "a 1-hour system prompt after 5-minute tools",
                Conversation(null, null), Options(Short, Long),
                "The 1-hour cache breakpoint at system.0 comes after a 5-minute one at tools.1. " + OrderRule
            },
            {
                "a 1-hour message after a 5-minute one, numbered as Claude numbers turns",
                Conversation(Short, Long), null,
                "The 1-hour cache breakpoint at messages.2.content.0 comes after a 5-minute one at messages.0.content.0. " + OrderRule
            },
            {
                "1-hour automatic caching after a 5-minute breakpoint",
                Conversation(Short, null), new ChatOptions().WithClaudePromptCaching(Long),
                "The 1-hour cache breakpoint at the top-level cache_control (automatic caching) comes after a 5-minute one at messages.0.content.0. " + OrderRule
            },
            {
                "5-minute automatic caching on a last block with a 1-hour breakpoint",
                Conversation(null, Long), new ChatOptions().WithClaudePromptCaching(),
                "Automatic caching (the top-level cache_control) asks for 5 minutes, but the last block, messages.2.content.0, has a breakpoint of 1 hour; " +
                "Claude puts the automatic breakpoint on that block and refuses two TTLs there: use one TTL."
            },
            {
                "five breakpoints, automatic caching one of them",
                Conversation(Short, Short), Options(Short, Short).WithClaudePromptCaching(),
                "The request has 5 cache breakpoints (tools.1, system.0, messages.0.content.0, messages.2.content.0, the top-level cache_control (automatic caching)); " +
                "Claude accepts at most 4, automatic caching taking one of them, and refuses more: remove some."
            },
            {
                "five explicit breakpoints",
                [.. Conversation(Short, Short), new ChatMessage(ChatRole.Assistant, "Your manager.").WithClaudeCacheBreakpoint()], Options(Short, Short),
                "The request has 5 cache breakpoints (tools.1, system.0, messages.0.content.0, messages.2.content.0, messages.3.content.0); " +
                "Claude accepts at most 4, and refuses more: remove some."
            },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task Is_an_ArgumentException_naming_the_breakpoints_and_nothing_is_sent(string name, List<ChatMessage> messages, ChatOptions? options, string message)
        {
            using var harness = new Harness();

            var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Claude().GetResponseAsync(messages, options, Harness.Ct));

            Assert.True(error.Message == message, $"{name}: {error.Message}");
            Assert.Empty(harness.Handler.Requests);
        }

        [Fact]
        public async Task Streamed_too()
        {
            using var harness = new Harness();

            (List<ChatResponseUpdate> updates, Exception? error) = await harness.StreamClaudeAsync(Conversation(Short, Long));

            Assert.Empty(updates);
            Assert.IsType<ArgumentException>(error);
            Assert.Empty(harness.Handler.Requests);
        }
    }
}
