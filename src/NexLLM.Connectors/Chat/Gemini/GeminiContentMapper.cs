using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>Gemini parts, finish reasons and usage to M.E.AI; shared by whole responses and stream chunks.</summary>
internal static class GeminiContentMapper
{
    /// <summary>
    /// Adds the contents of one part: a thought as reasoning (its signature as <see cref="TextReasoningContent.ProtectedData"/>);
    /// a function call with its signature in <c>AdditionalProperties</c>; text, then its signature (if any) as an empty
    /// reasoning content, so that M.E.AI's coalescing of text never drops it.
    /// </summary>
    /// <exception cref="ResponseContentException">The part cannot be used: see <see cref="InlineData"/> and <see cref="FunctionCalls.FromElement"/>.</exception>
    public static void AddPart(GeminiPart part, List<AIContent> contents)
    {
        if (part.FunctionCall is { } call)
        {
            FunctionCallContent content = FunctionCalls.FromElement(call.Id, call.Name ?? string.Empty, call.Args);
            if (part.ThoughtSignature is { Length: > 0 } signature)
            {
                (content.AdditionalProperties ??= [])[ChatOptionKeys.GeminiThoughtSignature] = signature;
            }

            contents.Add(content);
            return;
        }

        if (part.Thought is true)
        {
            contents.Add(new TextReasoningContent(part.Text ?? string.Empty) { ProtectedData = part.ThoughtSignature });
            return;
        }

        if (part.Text is { Length: > 0 } text)
        {
            contents.Add(new TextContent(text));
        }
        else if (part.InlineData is { } data)
        {
            contents.Add(InlineData(data));
        }

        if (part.ThoughtSignature is { Length: > 0 } textSignature)
        {
            contents.Add(new TextReasoningContent(string.Empty) { ProtectedData = textSignature });
        }
    }

    /// <summary>
    /// An <c>inlineData</c> part as bytes of a media type (per Google's <c>Blob</c>: <c>mimeType</c> and base64
    /// <c>data</c>, both required: https://ai.google.dev/api/caching#Blob). A part that breaks that is refused with a
    /// message naming what is wrong, never dropped: an answer without its image would look complete.
    /// </summary>
    /// <exception cref="ResponseContentException">Data or media type missing, data not base64, or a media type that is not <c>type/subtype</c>.</exception>
    private static DataContent InlineData(GeminiBlob blob)
    {
        // Both are declared required, which rejects a missing field but not an explicit null.
        if (blob.Data is null)
        {
            throw new ResponseContentException("an inlineData part has no data");
        }

        if (string.IsNullOrEmpty(blob.MimeType))
        {
            throw new ResponseContentException("an inlineData part has no mimeType");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(blob.Data);
        }
        catch (FormatException ex)
        {
            throw new ResponseContentException("the data of an inlineData part is not valid base64", ex);
        }

        try
        {
            return new DataContent(bytes, blob.MimeType);
        }
        catch (ArgumentException ex)
        {
            throw new ResponseContentException($"the mimeType '{ResponseContentException.Quote(blob.MimeType)}' of an inlineData part is not a media type (type/subtype)", ex);
        }
    }

    /// <summary>
    /// STOP with function calls means ToolCalls; MAX_TOKENS means Length; the safety family means ContentFilter; anything
    /// else (MALFORMED_FUNCTION_CALL, LANGUAGE, OTHER...) is its own reason (docs/protocols/gemini.md).
    /// </summary>
    public static ChatFinishReason? FinishReason(string? raw, bool sawFunctionCall) => raw switch
    {
        _ when string.IsNullOrWhiteSpace(raw) => null,
        "STOP" => sawFunctionCall ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        "MAX_TOKENS" => ChatFinishReason.Length,
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" or "IMAGE_PROHIBITED_CONTENT" or "IMAGE_RECITATION"
            => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(raw),
    };

    /// <summary>Input includes cached tokens; output is candidates plus thoughts (new-api bills it so: docs/protocols/gemini.md).</summary>
    public static UsageDetails Usage(GeminiUsage usage)
    {
        long? output = usage.CandidatesTokenCount is null && usage.ThoughtsTokenCount is null
            ? null
            : (usage.CandidatesTokenCount ?? 0) + (usage.ThoughtsTokenCount ?? 0);
        var details = new UsageDetails
        {
            InputTokenCount = usage.PromptTokenCount,
            OutputTokenCount = output,
            TotalTokenCount = usage.TotalTokenCount ?? (usage.PromptTokenCount + output + (usage.ToolUsePromptTokenCount ?? 0)),
            CachedInputTokenCount = usage.CachedContentTokenCount,
            ReasoningTokenCount = usage.ThoughtsTokenCount,
            InputAudioTokenCount = OfModality(usage.PromptTokensDetails, "AUDIO"),
            InputTextTokenCount = OfModality(usage.PromptTokensDetails, "TEXT"),
            OutputAudioTokenCount = OfModality(usage.CandidatesTokensDetails, "AUDIO"),
            OutputTextTokenCount = OfModality(usage.CandidatesTokensDetails, "TEXT"),
        };

        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.ToolUsePromptTokens, usage.ToolUsePromptTokenCount);
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.AudioInputTokens, details.InputAudioTokenCount);
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.AudioOutputTokens, details.OutputAudioTokenCount);
        return details;
    }

    /// <summary>The tokens of one modality, summed (a list may name a modality twice), or <see langword="null"/> when it names none.</summary>
    private static long? OfModality(List<GeminiModalityTokenCount?>? counts, string modality)
    {
        long? total = null;
        foreach (GeminiModalityTokenCount? count in counts ?? [])
        {
            if (count is { TokenCount: { } tokens } && string.Equals(count.Modality, modality, StringComparison.OrdinalIgnoreCase))
            {
                total = (total ?? 0) + tokens;
            }
        }

        return total;
    }

    /// <summary>
    /// The candidate that is the answer: the one with <c>index</c> 0 (a candidate without an index is index 0). With
    /// <c>generationConfig.candidateCount</c> above 1 the others are alternatives, which a <see cref="ChatResponse"/> has no
    /// place for (M.E.AI's own OpenAI adapter likewise answers with the first choice): a whole answer keeps them in its
    /// <c>RawRepresentation</c>, a stream skips them, and their parts never mix into the answer's (docs/protocols/gemini.md#several-candidates).
    /// </summary>
    public static GeminiCandidate? Answer(List<GeminiCandidate>? candidates) =>
        candidates?.Find(static candidate => candidate is not null && (candidate.Index ?? 0) == 0);

    /// <summary>A blocked prompt is an answer, not an exception: an <see cref="ErrorContent"/> naming the reason.</summary>
    public static ErrorContent Blocked(GeminiPromptFeedback feedback) =>
        new($"The prompt was blocked ({feedback.BlockReason}).") { ErrorCode = feedback.BlockReason, RawRepresentation = feedback };

    /// <summary>Safety ratings and grounding kept in <c>AdditionalProperties</c> (nothing in M.E.AI holds them).</summary>
    public static void AddCandidateFacts(GeminiCandidate? candidate, GeminiPromptFeedback? feedback, ref AdditionalPropertiesDictionary? properties)
    {
        if ((candidate?.SafetyRatings ?? feedback?.SafetyRatings) is { ValueKind: JsonValueKind.Array } ratings)
        {
            (properties ??= [])[ChatOptionKeys.GeminiSafetyRatings] = ratings;
        }

        if (candidate?.GroundingMetadata is { ValueKind: JsonValueKind.Object } grounding)
        {
            (properties ??= [])[ChatOptionKeys.GeminiGroundingMetadata] = grounding;
        }
    }
}
