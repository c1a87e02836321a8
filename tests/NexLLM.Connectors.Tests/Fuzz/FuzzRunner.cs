using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Fuzz;

/// <summary>What one call gave: a rendering of everything it returned (compared with the unmutated transcript's), and all its text.</summary>
internal sealed record FuzzResult(string Rendering, string Text);

/// <summary>How one case ended: its result or its exception, and whether the response body was released either way.</summary>
internal sealed record FuzzOutcome(FuzzResult? Result, Exception? Error, bool BodyReleased);

/// <summary>
/// Runs one case through a fresh <see cref="Harness"/> client (no retries, small caps so that huge values meet them) and
/// renders what the call returned, field by field, so that two runs can be compared exactly.
/// </summary>
internal static class FuzzRunner
{
    public static async Task<FuzzOutcome> RunAsync(FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        using var harness = new Harness(o =>
        {
            o.MaxRetries = 0;
            o.MaxResponseBytes = 1024 * 1024;
            o.MaxStreamEventBytes = 256 * 1024;
        });
        harness.Handler.Enqueue(ReplyOf(fuzzCase));
        try
        {
            return new FuzzOutcome(await CallAsync(harness, fuzzCase.Transcript.Decoder, cancellationToken), null, harness.Handler.AllBodiesDisposed);
        }
        catch (Exception ex)
        {
            return new FuzzOutcome(null, ex, harness.Handler.AllBodiesDisposed);
        }
    }

    private static Reply ReplyOf(FuzzCase fuzzCase)
    {
        Stream body = fuzzCase.Delivery switch
        {
            FuzzDelivery.OneBytePerRead => ScriptedStream.Of(fuzzCase.Body, maxReadSize: 1),
            FuzzDelivery.RandomChunks => ScriptedStream.OfChunks(Split(fuzzCase.Body, fuzzCase.Chunks)),
            _ => ScriptedStream.Of(fuzzCase.Body),
        };

        Reply reply = Reply.Status(200).WithBody(body).WithContentType(fuzzCase.Transcript.IsStream ? "text/event-stream" : "application/json");
        if (fuzzCase.ContentEncoding is { } encoding)
        {
            reply.WithHeader("Content-Encoding", encoding);
        }

        if (fuzzCase.ContentLength is { } length)
        {
            reply.WithContentLength(length);
        }

        return reply.ThroughSocketsHandler();
    }

    private static IEnumerable<byte[]> Split(byte[] body, IReadOnlyList<int> sizes)
    {
        int at = 0;
        foreach (int size in sizes)
        {
            yield return body[at..(at + size)];
            at += size;
        }
    }

    private static async Task<FuzzResult> CallAsync(Harness harness, FuzzDecoder decoder, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.User, "Hi")];
        switch (decoder)
        {
            case FuzzDecoder.ChatCompletionsStream or FuzzDecoder.ClaudeStream or FuzzDecoder.GeminiStream or FuzzDecoder.ResponsesStream:
                var updates = new List<ChatResponseUpdate>();
                await foreach (ChatResponseUpdate update in ChatClient(harness, decoder).GetStreamingResponseAsync(messages, null, cancellationToken))
                {
                    updates.Add(update);
                }

                return new FuzzResult(Render(updates), AllText(updates.SelectMany(u => u.Contents)));
            case FuzzDecoder.ChatCompletions or FuzzDecoder.Claude or FuzzDecoder.Gemini or FuzzDecoder.Responses:
                ChatResponse response = await ChatClient(harness, decoder).GetResponseAsync(messages, null, cancellationToken);
                return new FuzzResult(Render(response), AllText(response.Messages.SelectMany(m => m.Contents)));
            case FuzzDecoder.Images:
                ImageGenerationResponse images = await harness.Client.GetImageGenerator("dall-e-3").GenerateAsync(new ImageGenerationRequest("a lighthouse"), null, cancellationToken);
                return new FuzzResult(Render(images), string.Concat(images.Contents.Select(static c => c.AdditionalProperties?["nexllm.revised_prompt"] as string)));
            case FuzzDecoder.Transcription:
                SpeechToTextResponse transcript = await harness.Client.GetSpeechToTextClient("whisper-1").GetTextAsync(
                    new MemoryStream(Wav), new SpeechToTextOptions().WithTranscriptionFormat(NexLLMTranscriptionFormat.VerboseJson), cancellationToken);
                return new FuzzResult(Render(transcript.Contents, transcript.Usage, transcript.AdditionalProperties), transcript.Text + string.Concat(transcript.Contents.Select(static c => c switch { NexLLMTranscriptSegment s => s.Text, NexLLMTranscriptWord w => w.Text, _ => string.Empty })));
            case FuzzDecoder.TranscriptionStream:
                var heard = new List<SpeechToTextResponseUpdate>();
                await foreach (SpeechToTextResponseUpdate update in harness.Client.GetSpeechToTextClient("gpt-4o-transcribe").GetStreamingTextAsync(new MemoryStream(Wav), null, cancellationToken))
                {
                    heard.Add(update);
                }

                return new FuzzResult(
                    string.Join("\n", heard.Select(u => $"[{u.Kind}]" + Render(u.Contents, null, u.AdditionalProperties))),
                    string.Concat(heard.Where(u => u.Kind == SpeechToTextResponseUpdateKind.TextUpdating).Select(u => u.Text)));
            case FuzzDecoder.SpeechStream:
                var spoken = new List<TextToSpeechResponseUpdate>();
                TextToSpeechOptions speech = new TextToSpeechOptions { AudioFormat = "wav" }.WithSpeechStreamFormat(NexLLMSpeechStreamFormat.Sse);
                await foreach (TextToSpeechResponseUpdate update in harness.Client.GetTextToSpeechClient("gpt-4o-mini-tts").GetStreamingAudioAsync("Hi", speech, cancellationToken))
                {
                    spoken.Add(update);
                }

                return new FuzzResult(string.Join("\n", spoken.Select(u => $"[{u.Kind}]" + Render(u.Contents, null, u.AdditionalProperties))), string.Empty);
            default:
                IEmbeddingGenerator<string, Embedding<float>> generator = decoder == FuzzDecoder.GeminiEmbeddings
                    ? harness.Client.GetEmbeddingGenerator("gemini-embedding-001", NexLLMEmbeddingProtocol.GeminiEmbedContent)
                    : harness.Client.GetEmbeddingGenerator("text-embedding-3-small");
                GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(["a", "b"], null, cancellationToken);
                return new FuzzResult(Render(embeddings), string.Empty);
        }
    }

    private static IChatClient ChatClient(Harness harness, FuzzDecoder decoder) => decoder switch
    {
        FuzzDecoder.ClaudeStream or FuzzDecoder.Claude => harness.Claude(),
        FuzzDecoder.GeminiStream or FuzzDecoder.Gemini => harness.Gemini(),
        FuzzDecoder.ResponsesStream or FuzzDecoder.Responses => harness.Responses(),
        _ => harness.Chat(),
    };

    private static string Render(List<ChatResponseUpdate> updates)
    {
        var text = new StringBuilder();
        foreach (ChatResponseUpdate update in updates)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{update.Role}|{update.ResponseId}|{update.MessageId}|{update.ModelId}|{update.CreatedAt:O}|{update.FinishReason}]");
            AppendContents(text, update.Contents);
            AppendProperties(text, update.AdditionalProperties);
            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Render(ChatResponse response)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"[{response.ResponseId}|{response.ModelId}|{response.CreatedAt:O}|{response.FinishReason}|{Usage(response.Usage)}]");
        AppendContents(text, response.Messages.SelectMany(m => m.Contents));
        AppendProperties(text, response.AdditionalProperties);
        return text.ToString();
    }

    private static string Render(GeneratedEmbeddings<Embedding<float>> embeddings) =>
        $"{Usage(embeddings.Usage)} " + string.Join(" | ", embeddings.Select(e =>
            $"{e.ModelId}:{string.Join(",", e.Vector.ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}"));

    private static string Render(ImageGenerationResponse response)
    {
        var text = new StringBuilder(Usage(response.Usage));
        foreach (AIContent content in response.Contents)
        {
            AppendContents(text, [content]);
            AppendProperties(text, content.AdditionalProperties);
        }

        return text.ToString();
    }

    /// <summary>A canonical WAV file's first bytes: enough for the upload to name itself.</summary>
    private static byte[] Wav => "RIFF\0\0\0\0WAVEfmt "u8.ToArray();

    private static string Render(IEnumerable<AIContent> contents, UsageDetails? usage, AdditionalPropertiesDictionary? properties)
    {
        var text = new StringBuilder(Usage(usage));
        foreach (KeyValuePair<string, long> count in usage?.AdditionalCounts ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" {count.Key}={count.Value}");
        }

        AppendContents(text, contents);
        AppendProperties(text, properties);
        return text.ToString();
    }

    private static void AppendContents(StringBuilder text, IEnumerable<AIContent> contents)
    {
        foreach (AIContent content in contents)
        {
            text.Append(' ').Append(content switch
            {
                TextReasoningContent reasoning => $"reasoning:{JsonSerializer.Serialize(reasoning.Text)}/{reasoning.ProtectedData}",
                DataContent data => $"data:{data.MediaType}:{Convert.ToBase64String(data.Data.Span)}",
                UriContent uri => $"uri:{uri.MediaType}:{uri.Uri.AbsoluteUri}",
                UsageContent usage => $"usage:{Usage(usage.Details)}/{usage.Details.InputAudioTokenCount}",
                NexLLMTranscriptSegment segment => $"segment:{segment.Id}:{segment.StartTime}-{segment.EndTime}:{JsonSerializer.Serialize(segment.Text)}",
                NexLLMTranscriptWord word => $"word:{word.StartTime}-{word.EndTime}:{JsonSerializer.Serialize(word.Text)}",
                _ => UpdateText.Render(content),
            });
        }
    }

    /// <summary>
    /// Properties carry JSON from the wire (safety ratings, grounding) that the client hands out as it came; one that
    /// holds invalid UTF-8 cannot be printed, which is the caller's to meet when reading it, not this call's failure.
    /// </summary>
    private static void AppendProperties(StringBuilder text, AdditionalPropertiesDictionary? properties)
    {
        foreach (KeyValuePair<string, object?> property in properties ?? [])
        {
            string value;
            try
            {
                value = property.Value is JsonElement element ? element.GetRawText() : Convert.ToString(property.Value, CultureInfo.InvariantCulture) ?? "null";
            }
            catch (InvalidOperationException)
            {
                value = "(not UTF-8)";
            }

            text.Append(CultureInfo.InvariantCulture, $" {property.Key}={value}");
        }
    }

    private static string Usage(UsageDetails? usage) =>
        usage is null ? "-" : $"{usage.InputTokenCount}/{usage.OutputTokenCount}/{usage.TotalTokenCount}/{usage.CachedInputTokenCount}/{usage.ReasoningTokenCount}";

    private static string AllText(IEnumerable<AIContent> contents) =>
        string.Concat(contents.Select(static c => c switch { TextContent t => t.Text, TextReasoningContent r => r.Text, _ => string.Empty }));
}
