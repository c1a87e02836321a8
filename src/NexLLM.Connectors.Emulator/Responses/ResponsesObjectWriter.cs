using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// Writes the response object (docs/protocols/responses.md), the whole body of a response that is not streamed and the
/// <c>response</c> of the lifecycle events, in the field order of OpenAI's answers. The request's settings are echoed
/// with OpenAI's defaults for those it left out (<c>store</c> true, <c>tool_choice</c> auto, <c>temperature</c> and
/// <c>top_p</c> 1, <c>text.format</c> text, a reasoning model's effort medium…). <c>usage</c> is null until the end.
/// </summary>
internal static class ResponsesObjectWriter
{
    public static byte[] ToBytes(ResponsesEnvelope envelope, ResponsesOutcome outcome) => JsonBuffer.ToBytes(w => Write(w, envelope, outcome));

    public static void Write(Utf8JsonWriter w, ResponsesEnvelope envelope, ResponsesOutcome outcome)
    {
        var request = envelope.Request;
        w.WriteStartObject();
        w.WriteString("id", envelope.Id);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", envelope.CreatedAt);
        w.WriteString("status", outcome.Status);
        w.WriteBoolean("background", false);
        if (outcome.Failure is { } failure)
        {
            w.WriteStartObject("error");
            w.WriteString("code", failure.Code);
            w.WriteString("message", failure.Message);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("error");
        }

        if (outcome.IncompleteReason is { } reason)
        {
            w.WriteStartObject("incomplete_details");
            w.WriteString("reason", reason);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("incomplete_details");
        }

        Echo(w, request, "instructions", Null);
        Echo(w, request, "max_output_tokens", Null);
        Echo(w, request, "max_tool_calls", Null);
        w.WriteString("model", envelope.Model);
        w.WriteStartArray("output");
        foreach (var item in outcome.Output)
        {
            item.WriteTo(w, added: false);
        }

        w.WriteEndArray();
        Echo(w, request, "parallel_tool_calls", d => d.WriteBooleanValue(true));
        Echo(w, request, "previous_response_id", Null);
        Echo(w, request, "prompt_cache_key", Null);
        WriteReasoning(w, request, envelope.Model);
        w.WriteNull("safety_identifier");
        w.WriteString("service_tier", "default");
        Echo(w, request, "store", d => d.WriteBooleanValue(true));
        Echo(w, request, "temperature", d => d.WriteNumberValue(1.0));
        w.WriteStartObject("text");
        var text = JsonRead.Object(request, "text");
        Echo(w, text, "format", d =>
        {
            d.WriteStartObject();
            d.WriteString("type", "text");
            d.WriteEndObject();
        });
        Echo(w, text, "verbosity", d => d.WriteStringValue("medium"));
        w.WriteEndObject();
        Echo(w, request, "tool_choice", d => d.WriteStringValue("auto"));
        Echo(w, request, "tools", d =>
        {
            d.WriteStartArray();
            d.WriteEndArray();
        });
        w.WriteNumber("top_logprobs", 0);
        Echo(w, request, "top_p", d => d.WriteNumberValue(1.0));
        Echo(w, request, "truncation", d => d.WriteStringValue("disabled"));
        if (outcome.Usage is { } usage)
        {
            WriteUsage(w, usage);
        }
        else
        {
            w.WriteNull("usage");
        }

        Echo(w, request, "user", Null);
        Echo(w, request, "metadata", d =>
        {
            d.WriteStartObject();
            d.WriteEndObject();
        });
        w.WriteEndObject();
    }

    // reasoning {effort, summary}: what was asked; a reasoning model that was not asked reports its default effort.
    private static void WriteReasoning(Utf8JsonWriter w, JsonElement request, string model)
    {
        var reasoning = JsonRead.Object(request, "reasoning");
        w.WriteStartObject("reasoning");
        Echo(w, reasoning, "effort", d =>
        {
            if (ResponsesModels.Reasons(model))
            {
                d.WriteStringValue("medium");
            }
            else
            {
                d.WriteNullValue();
            }
        });
        Echo(w, reasoning, "summary", Null);
        w.WriteEndObject();
    }

    // OpenAI's convention (docs/protocols/gateway.md#gotchas): input counts cached input, output counts reasoning.
    private static void WriteUsage(Utf8JsonWriter w, ChatUsage usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", usage.PromptTokens);
        w.WriteStartObject("input_tokens_details");
        w.WriteNumber("cached_tokens", usage.CachedTokens);
        if (usage.CacheWriteTokens > 0)
        {
            w.WriteNumber("cache_write_tokens", usage.CacheWriteTokens);
        }

        w.WriteEndObject();
        w.WriteNumber("output_tokens", usage.CompletionTokens);
        w.WriteStartObject("output_tokens_details");
        w.WriteNumber("reasoning_tokens", usage.ReasoningTokens);
        w.WriteEndObject();
        w.WriteNumber("total_tokens", usage.TotalTokens);
        w.WriteEndObject();
    }

    // The request's value of a field when it has one (not null), else the default.
    private static void Echo(Utf8JsonWriter w, JsonElement settings, string name, Action<Utf8JsonWriter> writeDefault)
    {
        w.WritePropertyName(name);
        if (JsonRead.Field(settings, name) is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value)
        {
            value.WriteTo(w);
        }
        else
        {
            writeDefault(w);
        }
    }

    private static void Null(Utf8JsonWriter w) => w.WriteNullValue();
}
