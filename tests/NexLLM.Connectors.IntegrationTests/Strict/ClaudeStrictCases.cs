namespace NexLLM.Connectors.IntegrationTests.Strict;

/// <summary>
/// Requests Anthropic refuses on <c>/v1/messages</c> (docs/emulator.md#strict-mode), each with the message strict mode
/// answers (Anthropic's wording). Friendly mode answers every one of them.
/// </summary>
public static class ClaudeStrictCases
{
    private const string Thinking = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}";
    private const string Weather = """{"name":"get_weather","description":"Weather of a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""";
    private const string ToolUse = """{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}""";
    private const string ToolResult = """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"21C"}]}""";
    private const string Cached5m = "\"cache_control\":{\"type\":\"ephemeral\"}";
    private const string Cached1h = "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}";
    private const string TtlOrder =
        ".cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.";
    private const string ThinkingDocs = "Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#important-considerations-when-using-extended-thinking";

    /// <summary>Name, body, Anthropic's message.</summary>
    public static TheoryData<string, string, string> Refused { get; } = new()
    {
        {
            "thinking enabled, a tool-use turn sent back without its thinking",
            $$"""{"model":"claude-sonnet-4-5","max_tokens":2048,{{Thinking}},"tools":[{{Weather}}],"messages":[{"role":"user","content":"Weather in Paris?"},{"role":"assistant","content":[{{ToolUse}}]},{{ToolResult}}]}""",
            "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
        },
        {
            "thinking enabled, a tool-use turn that starts with text",
            $$"""{"model":"claude-sonnet-4-5","max_tokens":2048,{{Thinking}},"tools":[{{Weather}}],"messages":[{"role":"user","content":"Weather in Paris?"},{"role":"assistant","content":[{"type":"text","text":"Let me look."},{{ToolUse}}]},{{ToolResult}}]}""",
            "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`."
        },
        {
            "thinking enabled with temperature 0.5",
            $$"""{"model":"claude-sonnet-4-5","max_tokens":2048,{{Thinking}},"temperature":0.5,"messages":[{"role":"user","content":"hi"}]}""",
            "`temperature` may only be set to 1 when thinking is enabled. " + ThinkingDocs
        },
        {
            "thinking enabled with top_k",
            $$"""{"model":"claude-sonnet-4-5","max_tokens":2048,{{Thinking}},"top_k":40,"messages":[{"role":"user","content":"hi"}]}""",
            "`top_k` must be unset when thinking is enabled. " + ThinkingDocs
        },
        {
            "max_tokens above Claude Sonnet 4.5's 64,000",
            """{"model":"claude-sonnet-4-5","max_tokens":64001,"messages":[{"role":"user","content":"hi"}]}""",
            "max_tokens: 64001 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5-20250929"
        },
        {
            "max_tokens above Claude Haiku 4.5's 64,000",
            """{"model":"claude-haiku-4-5","max_tokens":100000,"messages":[{"role":"user","content":"hi"}]}""",
            "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5-20251001"
        },
        {
            "a tool without input_schema",
            """{"model":"claude-sonnet-4-5","max_tokens":1024,"tools":[{"name":"get_weather","description":"Weather of a city"}],"messages":[{"role":"user","content":"hi"}]}""",
            "tools.0.custom.input_schema: Field required"
        },
        {
            "a system role inside messages",
            """{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}]}""",
            "messages.0.role: Input should be 'user' or 'assistant'"
        },
        {
            "a 1-hour cache breakpoint in messages after a 5-minute one on the system prompt",
            $$$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"system":[{"type":"text","text":"Answer from the handbook.",{{{Cached5m}}}}],"messages":[{"role":"user","content":[{"type":"text","text":"The handbook.",{{{Cached1h}}}},{"type":"text","text":"Who approves travel?"}]}]}""",
            "messages.0.content.0" + TtlOrder
        },
        {
            "a 1-hour cache breakpoint after a 5-minute one, both in messages",
            $$$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":[{"type":"text","text":"The handbook.",{{{Cached5m}}}}]},{"role":"assistant","content":"Ask me."},{"role":"user","content":[{"type":"text","text":"Who approves travel?","cache_control":{"type":"ephemeral","ttl":"1h"}}]}]}""",
            "messages.2.content.0" + TtlOrder
        },
        {
            "a 1-hour cache breakpoint on the system prompt after a 5-minute one on the tools",
            $$$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{}},{{{Cached5m}}}}],"system":[{"type":"text","text":"Be brief.",{{{Cached1h}}}}],"messages":[{"role":"user","content":"hi"}]}""",
            "system.0" + TtlOrder
        },
        {
            "five blocks with cache_control",
            $$$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"system":[{"type":"text","text":"Be brief.",{{{Cached5m}}}},{"type":"text","text":"Be kind.",{{{Cached5m}}}}],"messages":[{"role":"user","content":[{"type":"text","text":"a",{{{Cached5m}}}},{"type":"text","text":"b",{{{Cached5m}}}},{"type":"text","text":"c",{{{Cached5m}}}}]}]}""",
            "A maximum of 4 blocks with cache_control may be provided. Found 5."
        },
    };

    /// <summary>Requests both modes answer: the valid neighbours of the refused ones.</summary>
    public static TheoryData<string, string> Accepted { get; } = new()
    {
        {
            "thinking enabled with temperature 1",
            $$"""{"model":"claude-sonnet-4-5","max_tokens":2048,{{Thinking}},"temperature":1,"messages":[{"role":"user","content":"hi"}]}"""
        },
        {
            "temperature and top_k without thinking",
            """{"model":"claude-sonnet-4-5","max_tokens":1024,"temperature":0.2,"top_k":40,"messages":[{"role":"user","content":"hi"}]}"""
        },
        {
            "thinking disabled, a tool-use turn without thinking",
            $$"""{"model":"claude-sonnet-4-5","max_tokens":2048,"thinking":{"type":"disabled"},"tools":[{{Weather}}],"messages":[{"role":"user","content":"Weather in Paris?"},{"role":"assistant","content":[{{ToolUse}}]},{{ToolResult}}]}"""
        },
        {
            "thinking enabled, an earlier tool-use turn without thinking (only the turn in progress needs it)",
            $$"""{"model":"claude-sonnet-4-5","max_tokens":2048,{{Thinking}},"tools":[{{Weather}}],"messages":[{"role":"user","content":"Weather in Paris?"},{"role":"assistant","content":[{{ToolUse}}]},{{ToolResult}},{"role":"assistant","content":"21C in Paris."},{"role":"user","content":"Thanks!"}]}"""
        },
        {
            "max_tokens at Claude Sonnet 4.5's 64,000",
            """{"model":"claude-sonnet-4-5","max_tokens":64000,"messages":[{"role":"user","content":"hi"}]}"""
        },
        {
            "a server tool, which has no input_schema",
            """{"model":"claude-sonnet-4-5","max_tokens":1024,"tools":[{"type":"web_search_20250305","name":"web_search","max_uses":1}],"messages":[{"role":"user","content":"hi"}]}"""
        },
        {
            "1-hour cache breakpoints on the tools and the system prompt, then 5-minute ones in messages (longer TTLs first)",
            $$$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{}},{{{Cached1h}}}}],"system":[{"type":"text","text":"Be brief.",{{{Cached1h}}}}],"messages":[{"role":"user","content":[{"type":"text","text":"The handbook.","cache_control":{"type":"ephemeral","ttl":"5m"}}]},{"role":"assistant","content":"Ask me."},{"role":"user","content":[{"type":"text","text":"Who approves travel?",{{{Cached5m}}}}]}]}"""
        },
        {
            "four 1-hour cache breakpoints, system then messages",
            $$$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"system":[{"type":"text","text":"Be brief.",{{{Cached1h}}}}],"messages":[{"role":"user","content":[{"type":"text","text":"a",{{{Cached1h}}}},{"type":"text","text":"b",{{{Cached1h}}}},{"type":"text","text":"c",{{{Cached1h}}}}]}]}"""
        },
    };
}
