global using GeminiStreamItem = NexLLM.Connectors.Chat.StreamItem<NexLLM.Connectors.Chat.Gemini.GeminiTextChunk, NexLLM.Connectors.Chat.Gemini.GeminiResponse>;
using System.Text.Json;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>The usage counts of a chunk, read without allocating (Gemini repeats them on every chunk, cumulative).</summary>
internal readonly record struct GeminiUsageCounts(long? Prompt, long? Candidates, long? Total, long? CachedContent, long? Thoughts, long? ToolUsePrompt)
{
    public bool Matches(GeminiUsage? usage) =>
        usage is not null && usage.PromptTokenCount == Prompt && usage.CandidatesTokenCount == Candidates && usage.TotalTokenCount == Total
        && usage.CachedContentTokenCount == CachedContent && usage.ThoughtsTokenCount == Thoughts && usage.ToolUsePromptTokenCount == ToolUsePrompt;

    public GeminiUsage ToWire() => new()
    {
        PromptTokenCount = Prompt,
        CandidatesTokenCount = Candidates,
        TotalTokenCount = Total,
        CachedContentTokenCount = CachedContent,
        ThoughtsTokenCount = Thoughts,
        ToolUsePromptTokenCount = ToolUsePrompt,
    };
}

/// <summary>
/// The usual chunk of a Gemini stream, read without the serializer: one candidate with one non-empty text part (not a
/// thought, no signature), no finish reason, no prompt feedback or error.
/// </summary>
internal readonly record struct GeminiTextChunk(string? ResponseId, string? ModelVersion, string Text, GeminiUsageCounts? Usage);

/// <summary>
/// Parses the chunks of one Gemini stream (one instance per stream: it remembers the response id and model strings).
/// Text chunks are read field by field with <see cref="Utf8JsonReader"/>, skipping what is not mapped (safety ratings,
/// token details); every other chunk, and any chunk that does not read cleanly, is parsed whole by the source-generated
/// serializer, which reports it if it is malformed.
/// </summary>
internal sealed class GeminiChunkReader
{
    private RepeatedString _responseId;
    private RepeatedString _modelVersion;

    public GeminiStreamItem Parse(ReadOnlySpan<byte> data) =>
        !data.IsEmpty && data[0] == (byte)'{' && TryReadText(data, out GeminiTextChunk text)
            ? new GeminiStreamItem(text)
            : new GeminiStreamItem(JsonEvent<GeminiResponse>.Parse(data, GeminiJsonContext.Default.GeminiResponse, static chunk => chunk.Error is { ValueKind: JsonValueKind.Object }));

    private bool TryReadText(ReadOnlySpan<byte> data, out GeminiTextChunk chunk)
    {
        chunk = default;
        try
        {
            var reader = new Utf8JsonReader(data);
            reader.Read();
            string? text = null;
            string? responseId = null;
            string? modelVersion = null;
            GeminiUsageCounts? usage = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("candidates"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || !TryReadCandidate(ref reader, out text)
                        || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("usageMetadata"u8))
                {
                    // The last one wins, as in the serializer: a repeated key ending in null clears the counts.
                    if (JsonFields.ReadNull(ref reader))
                    {
                        usage = null;
                    }
                    else if (!TryReadUsage(ref reader, out usage))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("responseId"u8))
                {
                    reader.Read();
                    responseId = _responseId.Read(ref reader);
                }
                else if (reader.ValueTextEquals("modelVersion"u8))
                {
                    reader.Read();
                    modelVersion = _modelVersion.Read(ref reader);
                }
                else if (GeneralPathFields.OfChunk(ref reader))
                {
                    if (!JsonFields.ReadNull(ref reader))
                    {
                        return false;
                    }
                }
                else
                {
                    JsonFields.SkipValue(ref reader);
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || text is not { Length: > 0 })
            {
                return false;
            }

            chunk = new GeminiTextChunk(responseId, modelVersion, text, usage);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reads <c>{"content":{"parts":[{"text":...}],"role":...},"index":0,...}</c> without a finish reason (index 0 or none).</summary>
    private static bool TryReadCandidate(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        bool sawParts = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadContent(ref reader, out text))
                {
                    return false;
                }

                sawParts = true;
            }
            else if (GeneralPathFields.OfCandidate(ref reader))
            {
                if (!JsonFields.ReadNull(ref reader))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                // Another candidate than the answer's (candidateCount above 1) takes the general path, which skips it.
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null && (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int index) || index != 0))
                {
                    return false;
                }
            }
            else
            {
                // Not mapped before the last chunk: safety ratings, citation and grounding metadata, ...
                JsonFields.SkipValue(ref reader);
            }
        }

        return sawParts;
    }

    /// <summary>Reads <c>{"parts":[{"text":...}],"role":"model"}</c>: exactly one part, plain text.</summary>
    private static bool TryReadContent(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        bool sawParts = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("parts"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || !TryReadTextPart(ref reader, out text)
                    || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                {
                    return false;
                }

                sawParts = true;
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                if (!JsonFields.TryReadString(ref reader, out _))
                {
                    return false;
                }
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        return sawParts;
    }

    private static bool TryReadTextPart(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (!JsonFields.TryReadString(ref reader, out text))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("thought"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.Null or JsonTokenType.False))
                {
                    return false;
                }
            }
            else if (GeneralPathFields.OfPart(ref reader))
            {
                if (!JsonFields.ReadNull(ref reader))
                {
                    return false;
                }
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        return true;
    }

    private static bool TryReadUsage(ref Utf8JsonReader reader, out GeminiUsageCounts? usage)
    {
        usage = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        long? prompt = null, candidates = null, total = null, cached = null, thoughts = null, toolUse = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool known = true;
            ref long? target = ref prompt;
            if (reader.ValueTextEquals("promptTokenCount"u8))
            {
                target = ref prompt;
            }
            else if (reader.ValueTextEquals("candidatesTokenCount"u8))
            {
                target = ref candidates;
            }
            else if (reader.ValueTextEquals("totalTokenCount"u8))
            {
                target = ref total;
            }
            else if (reader.ValueTextEquals("cachedContentTokenCount"u8))
            {
                target = ref cached;
            }
            else if (reader.ValueTextEquals("thoughtsTokenCount"u8))
            {
                target = ref thoughts;
            }
            else if (reader.ValueTextEquals("toolUsePromptTokenCount"u8))
            {
                target = ref toolUse;
            }
            else
            {
                known = false;
            }

            reader.Read();
            if (!known)
            {
                reader.Skip();
            }
            else if (!JsonFields.TryReadInt64(ref reader, out target))
            {
                return false;
            }
        }

        usage = new GeminiUsageCounts(prompt, candidates, total, cached, thoughts, toolUse);
        return true;
    }

    /// <summary>
    /// Every field that sends a chunk to the general path when it holds anything but null, level by level: the fast path
    /// maps one plain text part only. Prompt feedback and errors are raised or mapped whole; a finish reason marks the last
    /// chunk, which carries the facts of the whole answer; signatures, media and function parts are not text.
    /// </summary>
    private static class GeneralPathFields
    {
        public static bool OfChunk(ref Utf8JsonReader reader) => reader.ValueTextEquals("promptFeedback"u8) || reader.ValueTextEquals("error"u8);

        public static bool OfCandidate(ref Utf8JsonReader reader) => reader.ValueTextEquals("finishReason"u8);

        public static bool OfPart(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals("thoughtSignature"u8) || reader.ValueTextEquals("inlineData"u8) || reader.ValueTextEquals("fileData"u8)
            || reader.ValueTextEquals("functionCall"u8) || reader.ValueTextEquals("functionResponse"u8);
    }
}
