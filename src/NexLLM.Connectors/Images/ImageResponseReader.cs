using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Images;

/// <summary>
/// Reads an images answer (docs/protocols/images.md#response) in one pass of a <see cref="Utf8JsonReader"/> over the
/// pooled body: each <c>b64_json</c> is decoded from the body's bytes straight into the image's final array (through a
/// pooled buffer only when the server escaped characters in it), so an image costs its own bytes and no string of its
/// base64. <c>RawRepresentation</c> is the body as a <see cref="JsonElement"/> without the <c>b64_json</c> fields: the
/// images are in the contents, and a second copy of each as text would double the memory of the call.
/// </summary>
internal static class ImageResponseReader
{
    /// <summary>The key of a content's revised prompt (dall-e-3 rewrites the prompt it draws) in its <c>AdditionalProperties</c>.</summary>
    public const string RevisedPrompt = "nexllm.revised_prompt";

    /// <summary>The key of the gateway's request id in each content's <c>AdditionalProperties</c> (the response has none of its own).</summary>
    public const string RequestId = ResponseKeys.RequestId;

    /// <summary>Maps the answer.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="requestedMediaType">The media type asked for, used when neither the bytes nor the answer say.</param>
    /// <param name="transport">The transport, whose factory builds the errors.</param>
    /// <param name="operation">What the request did, for messages.</param>
    /// <returns>The images, usage and raw answer.</returns>
    /// <exception cref="NexLLMException">The answer is not a usable images answer, or it carries an error object.</exception>
    public static ImageGenerationResponse Read(TransportResponse response, string? requestedMediaType, NexLLMTransport transport, string operation)
    {
        var answer = new Answer();
        JsonElement raw;
        try
        {
            Parse(response.Body.Span, answer);

            // Also the check of what follows the answer's object, which the pass above does not read.
            raw = RawWithoutImages(response.Body.Span, answer.Elided);
        }
        catch (JsonException ex)
        {
            throw ResponseJson.Invalid(response, "is not valid JSON of the expected shape.", transport, operation, ex);
        }
        catch (InvalidOperationException ex)
        {
            // A string that is not valid UTF-8, or a value of the wrong type where a field has one.
            throw ResponseJson.Invalid(response, $"is not valid JSON of the expected shape: {ex.Message}", transport, operation, ex);
        }

        if (answer.Problem is { } problem)
        {
            throw ResponseJson.Invalid(response, problem, transport, operation);
        }

        if (answer.HasError && ErrorBody.TryParseJson(response.Body.Span, out ErrorBody error))
        {
            throw transport.Errors.FromErrorObject(error, response.Body.Span, operation, response.RequestId, inStream: false);
        }

        if (answer.Images.Count == 0)
        {
            throw ResponseJson.Invalid(response, "has no images in data.", transport, operation);
        }

        var contents = new List<AIContent>(answer.Images.Count);
        string? declared = ImageFormats.FromOutputFormat(answer.OutputFormat);
        foreach (Image image in answer.Images)
        {
            AIContent content = image.Bytes is { } bytes
                ? new DataContent(bytes, ImageFormats.Sniff(bytes.Span) ?? declared ?? requestedMediaType ?? ImageFormats.Png)
                : new UriContent(image.Url!, declared ?? ImageFormats.FromFileName(image.Url!.AbsolutePath) ?? requestedMediaType ?? ImageFormats.Png);
            content.AdditionalProperties = Properties(image.RevisedPrompt, response.RequestId);
            contents.Add(content);
        }

        return new ImageGenerationResponse(contents)
        {
            Usage = answer.Usage,
            RawRepresentation = raw,
        };
    }

    private static void Parse(ReadOnlySpan<byte> body, Answer answer)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            answer.Problem = "is not a JSON object.";
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                ReadData(ref reader, answer);
            }
            else if (reader.ValueTextEquals("output_format"u8))
            {
                reader.Read();
                answer.OutputFormat = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                answer.Usage = ImageUsage.Read(ref reader);
            }
            else
            {
                bool error = reader.ValueTextEquals("error"u8);
                reader.Read();
                answer.HasError |= error && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String;
                reader.Skip();
            }

            if (answer.Problem is not null)
            {
                return;
            }
        }
    }

    private static void ReadData(ref Utf8JsonReader reader, Answer answer)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int index = answer.Images.Count;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                answer.Problem = Text($"has an image that is not an object (data[{index}]).");
                return;
            }

            var image = new Image();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("b64_json"u8))
                {
                    int start = (int)reader.TokenStartIndex;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        image.Bytes = Decode(ref reader) ?? Fail<ReadOnlyMemory<byte>?>(answer, Text($"has an image whose b64_json is not valid base64 (data[{index}])."));
                        answer.Elided.Add(new Range(start, (int)reader.BytesConsumed));
                    }

                    reader.Skip();
                }
                else if (reader.ValueTextEquals("url"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        image.Url = Uri.TryCreate(reader.GetString(), UriKind.Absolute, out Uri? url) && url.Scheme is "https" or "http"
                            ? url
                            : Fail<Uri>(answer, Text($"has an image whose url is not an absolute URL (data[{index}])."));
                    }

                    reader.Skip();
                }
                else if (reader.ValueTextEquals("revised_prompt"u8))
                {
                    reader.Read();
                    image.RevisedPrompt = reader.TokenType == JsonTokenType.String ? ReadText(ref reader) : null;
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }

                if (answer.Problem is not null)
                {
                    return;
                }
            }

            if (image.Bytes is null && image.Url is null)
            {
                answer.Problem = Text($"has an image with neither b64_json nor url (data[{index}]).");
                return;
            }

            answer.Images.Add(image);
        }
    }

    /// <summary>Decodes a base64 string token into an array of exactly the image's size, or <see langword="null"/> when it is not base64.</summary>
    private static ReadOnlyMemory<byte>? Decode(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Decode(reader.ValueSpan);
        }

        // A server whose JSON encoder escapes '+' or '/' (\u002B, \/): unescape into a pooled buffer first.
        byte[] unescaped = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            return Decode(unescaped.AsSpan(0, reader.CopyString(unescaped)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(unescaped);
        }
    }

    /// <summary>A string token as text, each invalid UTF-8 sequence as U+FFFD (docs/reliability-decoding.md#invalid-utf-8).</summary>
    private static string ReadText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }

        if (Utf8.IsValid(reader.ValueSpan))
        {
            return reader.GetString()!;
        }

        // The reader refuses to unescape invalid UTF-8: replace it first (escapes are ASCII, so they pass unchanged), then unescape.
        byte[] repaired = [(byte)'"', .. Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(reader.ValueSpan)), (byte)'"'];
        var quoted = new Utf8JsonReader(repaired);
        quoted.Read();
        return quoted.GetString()!;
    }

    private static ReadOnlyMemory<byte>? Decode(ReadOnlySpan<byte> base64)
    {
        int padding = base64.EndsWith("=="u8) ? 2 : base64.EndsWith("="u8) ? 1 : 0;
        byte[] bytes = GC.AllocateUninitializedArray<byte>(Math.Max(0, Base64.GetMaxDecodedFromUtf8Length(base64.Length) - padding));
        OperationStatus status = Base64.DecodeFromUtf8(base64, bytes, out _, out int written);
        // Not "? null :": null would convert to an empty ReadOnlyMemory through byte[], not to a null Nullable.
        return status != OperationStatus.Done || written == 0 ? default(ReadOnlyMemory<byte>?) : bytes.AsMemory(0, written);
    }

    /// <summary>The body without its <c>b64_json</c> fields (each with one comma beside it), as a <see cref="JsonElement"/>.</summary>
    private static JsonElement RawWithoutImages(ReadOnlySpan<byte> body, List<Range> elided)
    {
        if (elided.Count == 0)
        {
            return JsonSerializer.Deserialize(body, SharedJsonContext.Default.JsonElement);
        }

        var kept = new ArrayBufferWriter<byte>(Math.Min(body.Length, 4096));
        int copied = 0;
        foreach (Range range in elided)
        {
            (int start, int end) = WithComma(body, range.Start.Value, range.End.Value);
            if (start >= copied)
            {
                kept.Write(body[copied..start]);
                copied = end;
            }
        }

        kept.Write(body[copied..]);
        return JsonSerializer.Deserialize(kept.WrittenSpan, SharedJsonContext.Default.JsonElement);
    }

    /// <summary>Widens a member's range by the comma after it or, for the last member, the one before it.</summary>
    private static (int Start, int End) WithComma(ReadOnlySpan<byte> body, int start, int end)
    {
        int after = end;
        while (after < body.Length && IsWhiteSpace(body[after]))
        {
            after++;
        }

        if (after < body.Length && body[after] == (byte)',')
        {
            return (start, after + 1);
        }

        int before = start - 1;
        while (before >= 0 && IsWhiteSpace(body[before]))
        {
            before--;
        }

        return before >= 0 && body[before] == (byte)',' ? (before, end) : (start, end);

        static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
    }

    private static AdditionalPropertiesDictionary? Properties(string? revisedPrompt, string? requestId)
    {
        if (revisedPrompt is null && requestId is null)
        {
            return null;
        }

        var properties = new AdditionalPropertiesDictionary();
        if (revisedPrompt is not null)
        {
            properties[RevisedPrompt] = revisedPrompt;
        }

        if (requestId is not null)
        {
            properties[RequestId] = requestId;
        }

        return properties;
    }

    private static T? Fail<T>(Answer answer, string problem)
    {
        answer.Problem ??= problem;
        return default;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the pass found.</summary>
    private sealed class Answer
    {
        public List<Image> Images { get; } = [];

        /// <summary>Gets the byte ranges of the <c>b64_json</c> members, in body order.</summary>
        public List<Range> Elided { get; } = [];

        public string? OutputFormat { get; set; }

        public UsageDetails? Usage { get; set; }

        public bool HasError { get; set; }

        /// <summary>Gets or sets why the answer cannot be used (a sentence after "response").</summary>
        public string? Problem { get; set; }
    }

    private sealed class Image
    {
        public ReadOnlyMemory<byte>? Bytes { get; set; }

        public Uri? Url { get; set; }

        public string? RevisedPrompt { get; set; }
    }
}
