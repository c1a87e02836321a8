namespace NexLLM.Connectors.IntegrationTests.Strict;

/// <summary>
/// Requests OpenAI refuses on chat completions (docs/emulator.md#strict-mode), each with the refusal strict mode answers:
/// OpenAI's message (its start), <c>param</c> and <c>code</c>. Friendly mode answers every one of them.
/// </summary>
public static class ChatCompletionsStrictCases
{
    private const string Calls = """{"role":"assistant","content":null,"tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{}"}},{"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{}"}}]}""";
    private const string Ask = """{"role":"user","content":"Weather and time in Paris?"}""";

    /// <summary>Name, body, message start, param, code.</summary>
    public static TheoryData<string, string, string, string, string?> Refused { get; } = new()
    {
        {
            "a call without its tool message, before another message",
            $$"""{"model":"gpt-4o-mini","messages":[{{Ask}},{{Calls}},{"role":"tool","tool_call_id":"call_a","content":"21C"},{"role":"user","content":"and?"}]}""",
            "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_b",
            "messages.[3].role",
            null
        },
        {
            "calls without tool messages, at the end",
            $$"""{"model":"gpt-4o-mini","messages":[{{Ask}},{{Calls}}]}""",
            "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_a, call_b",
            "messages",
            null
        },
        {
            "a tool message after no calls",
            $$"""{"model":"gpt-4o-mini","messages":[{{Ask}},{"role":"tool","tool_call_id":"call_a","content":"21C"}]}""",
            "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
            "messages.[1].role",
            null
        },
        {
            "a tool message answering no call",
            $$"""{"model":"gpt-4o-mini","messages":[{{Ask}},{{Calls}},{"role":"tool","tool_call_id":"call_a","content":"21C"},{"role":"tool","tool_call_id":"call_zz","content":"noon"}]}""",
            "Invalid parameter: 'tool_call_id' of 'call_zz' not found in 'tool_calls' of previous message.",
            "messages.[3].tool_call_id",
            null
        },
        {
            "temperature above 2",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"temperature":2.5}""",
            "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead.",
            "temperature",
            "decimal_above_max_value"
        },
        {
            "temperature below 0",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"temperature":-0.5}""",
            "Invalid 'temperature': decimal below minimum value. Expected a value >= 0, but got -0.5 instead.",
            "temperature",
            "decimal_below_min_value"
        },
        {
            "a strict schema whose object allows other properties",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"city","strict":true,"schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}}""",
            "Invalid schema for response_format 'city': In context=(), 'additionalProperties' is required to be supplied and to be false.",
            "response_format",
            "invalid_json_schema"
        },
        {
            "a strict schema with a nested object that allows other properties",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"city","strict":true,"schema":{"type":"object","additionalProperties":false,"required":["spots"],"properties":{"spots":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}}}}}""",
            "Invalid schema for response_format 'city': In context=('properties', 'spots', 'items'), 'additionalProperties' is required to be supplied and to be false.",
            "response_format",
            "invalid_json_schema"
        },
        {
            "a strict schema with an optional property",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"city","strict":true,"schema":{"type":"object","additionalProperties":false,"properties":{"name":{"type":"string"},"country":{"type":"string"}},"required":["name"]}}}}""",
            "Invalid schema for response_format 'city': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'country'.",
            "response_format",
            "invalid_json_schema"
        },
        {
            "a strict function with an optional parameter",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"get_weather","strict":true,"parameters":{"type":"object","additionalProperties":false,"properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}}}]}""",
            "Invalid schema for function 'get_weather': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'unit'.",
            "tools[0].function.parameters",
            "invalid_function_parameters"
        },
        {
            "n below 1",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"n":-1}""",
            "Invalid 'n': integer below minimum value. Expected a value >= 1, but got -1 instead.",
            "n",
            "integer_below_min_value"
        },
        {
            "top_logprobs above 20",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"logprobs":true,"top_logprobs":21}""",
            "Invalid 'top_logprobs': integer above maximum value. Expected a value <= 20, but got 21 instead.",
            "top_logprobs",
            "integer_above_max_value"
        },
    };

    /// <summary>Requests both modes answer: what the gateway rewrites away, and the valid neighbours of the refused requests.</summary>
    public static TheoryData<string, string> Accepted { get; } = new()
    {
        {
            "every call answered, in any order",
            $$"""{"model":"gpt-4o-mini","messages":[{{Ask}},{{Calls}},{"role":"tool","tool_call_id":"call_b","content":"noon"},{"role":"tool","tool_call_id":"call_a","content":"21C"}]}"""
        },
        {
            "temperature 2 (the maximum)",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"temperature":2}"""
        },
        {
            "temperature 3 for an o-series model (new-api drops it)",
            """{"model":"o4-mini","messages":[{"role":"user","content":"hi"}],"temperature":3,"max_tokens":200}"""
        },
        {
            "temperature 3 for a gpt-5 model (new-api drops it)",
            """{"model":"gpt-5-mini","messages":[{"role":"user","content":"hi"}],"temperature":3}"""
        },
        {
            "a strict schema that is strict everywhere",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"city","strict":true,"schema":{"type":"object","additionalProperties":false,"required":["name","country"],"properties":{"name":{"type":"string"},"country":{"type":["string","null"]}}}}}}"""
        },
        {
            "a schema that is not strict",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"city","schema":{"type":"object","properties":{"name":{"type":"string"}}}}}}"""
        },
        {
            "n 0 (new-api's omitempty drops it)",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"n":0}"""
        },
    };
}
