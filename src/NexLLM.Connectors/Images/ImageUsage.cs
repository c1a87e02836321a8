using System.Text.Json;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Images;

/// <summary>
/// Reads an images answer's <c>usage</c> (docs/protocols/images.md#response): <c>input_tokens</c>, <c>output_tokens</c>,
/// <c>total_tokens</c>, and <c>input_tokens_details</c> with the image and text parts of the input, which go to
/// <see cref="UsageDetails.AdditionalCounts"/> under <see cref="NexLLMUsageCounts.ImageInputTokens"/> and
/// <see cref="NexLLMUsageCounts.TextInputTokens"/>. A channel that answers with chat-style <c>prompt_tokens</c> and
/// <c>completion_tokens</c> is read too.
/// </summary>
internal static class ImageUsage
{
    /// <summary>Reads the value the reader is on: an object, or anything else (then there is no usage).</summary>
    public static UsageDetails? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        long? input = null, output = null, total = null, image = null, text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8) || reader.ValueTextEquals("prompt_tokens"u8))
            {
                input ??= Number(ref reader);
            }
            else if (reader.ValueTextEquals("output_tokens"u8) || reader.ValueTextEquals("completion_tokens"u8))
            {
                output ??= Number(ref reader);
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                total = Number(ref reader);
            }
            else if (reader.ValueTextEquals("input_tokens_details"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isImage = reader.ValueTextEquals("image_tokens"u8);
                    bool isText = reader.ValueTextEquals("text_tokens"u8);
                    long? count = Number(ref reader);
                    image = isImage ? count : image;
                    text = isText ? count : text;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (input is null && output is null && total is null && image is null && text is null)
        {
            return null;
        }

        var usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = total };
        Add(usage, NexLLMUsageCounts.ImageInputTokens, image);
        Add(usage, NexLLMUsageCounts.TextInputTokens, text);
        return usage;
    }

    /// <summary>Reads the value after a property name: a whole number, or <see langword="null"/> for anything else.</summary>
    private static long? Number(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value))
        {
            return value;
        }

        reader.Skip();
        return null;
    }

    private static void Add(UsageDetails usage, string name, long? count)
    {
        if (count is { } value)
        {
            (usage.AdditionalCounts ??= [])[name] = value;
        }
    }
}
