using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Embeddings;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// <c>:embedContent</c> and <c>:batchEmbedContents</c> (docs/protocols/gemini.md): <c>{"content":{"parts":[{"text"}]},
/// "taskType"?, "title"?, "outputDimensionality"?}</c> gives <c>{"embedding":{"values":[…]}}</c>, and
/// <c>{"requests":[…]}</c> gives <c>{"embeddings":[{"values":[…]}]}</c>. Vectors come from <see cref="EmbeddingEngine"/>
/// (the text parts joined with line breaks), with <c>outputDimensionality</c> values, by default the listed model's
/// <see cref="EmulatorModel.EmbeddingDimensions"/>, else 3072 for <c>gemini-embedding*</c> models and 768 for the others
/// (<c>text-embedding-004</c>, <c>embedding-001</c>). In strict mode an <c>outputDimensionality</c> above the native size is
/// Google's 400 (<see cref="EmbeddingDimensionLimit"/>).
/// <c>taskType</c> and <c>title</c> are accepted and do not change the vector; the body's <c>model</c> is ignored
/// (new-api sets every request's model to the path's).
/// </summary>
internal static class GeminiEmbeddings
{
    private const int GeminiEmbeddingDimensions = 3072;
    private const int DefaultDimensions = 768;

    private static readonly GoJsonFields Go = new("GeminiEmbeddingRequest");
    private static readonly GoJsonFields GoBatch = new("GeminiBatchEmbeddingRequest");

    public static async Task HandleAsync(HttpContext context, EmulatorSettings settings, string model, bool batch)
    {
        var exchange = EmulatorExchange.Of(context);
        // new-api only unmarshals these bodies (GetAndValidateGemini[Batch]EmbeddingRequest): a type error is a 500.
        Action<JsonElement> check = batch ? CheckBatch : root => CheckRequest(root, Go, "");
        if (!RequestJson.TryParse(exchange.Body, check, out var parsed, out string? gatewayError))
        {
            await GatewayResponses.WriteInvalidRequestAsync(context, gatewayError!).ConfigureAwait(false);
            return;
        }

        List<JsonElement> requests = batch ? [.. GeminiJson.Items(parsed, "requests").Where(r => r.ValueKind != JsonValueKind.Null)] : [parsed];

        // Google's checks, relayed by new-api as a 400 with a numeric code (docs/protocols/gateway.md#error-bodies).
        string? error = batch && requests.Count == 0
            ? "* BatchEmbedContentsRequest.requests: requests must not be empty."
            : requests.Select((request, i) => GeminiJson.Parts(GeminiJson.Object(request, "content")).Any()
                ? null
                : batch ? $"* BatchEmbedContentsRequest.requests[{i}].content.parts: contents.parts must not be empty." : "* EmbedContentRequest.content.parts: contents.parts must not be empty.")
                .FirstOrDefault(message => message is not null);
        var listed = settings.FindModel(model);
        if (error is null && settings.Strict)
        {
            error = requests.Select(request => EmbeddingDimensionLimit.Check(GeminiJson.Integer(request, "outputDimensionality"), listed)?.Message)
                .FirstOrDefault(message => message is not null);
        }

        if (error is not null)
        {
            await GatewayResponses.WriteAsync(context, StatusCodes.Status400BadRequest, GeminiErrors.Upstream(error, 400, exchange.RequestId)).ConfigureAwait(false);
            return;
        }

        int native = listed?.EmbeddingDimensions ?? (model.StartsWith("gemini-embedding", StringComparison.Ordinal) ? GeminiEmbeddingDimensions : DefaultDimensions);
        var vectors = requests.Select(request => Embed(request, native)).ToList();
        byte[] answer = JsonBuffer.ToBytes(w =>
        {
            w.WriteStartObject();
            if (batch)
            {
                w.WriteStartArray("embeddings");
                foreach (float[] vector in vectors)
                {
                    WriteEmbedding(w, vector);
                }

                w.WriteEndArray();
            }
            else
            {
                w.WritePropertyName("embedding");
                WriteEmbedding(w, vectors[0]);
            }

            w.WriteEndObject();
        });
        await ResponseBodyWriter.WriteJsonAsync(context, answer, GeminiErrors.AdaptFault(exchange.Fault)).ConfigureAwait(false);
    }

    private static float[] Embed(JsonElement request, int native)
    {
        string text = GeminiJson.PartsText(GeminiJson.Object(request, "content"));
        long? requested = GeminiJson.Integer(request, "outputDimensionality");
        return EmbeddingEngine.Embed(text, requested is > 0 and <= int.MaxValue ? (int)requested.Value : native);
    }

    private static void WriteEmbedding(Utf8JsonWriter w, float[] vector)
    {
        w.WriteStartObject();
        w.WriteStartArray("values");
        foreach (float value in vector)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void CheckBatch(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw GoBatch.NotAnObject(root.ValueKind);
        }

        GoBatch.CheckKind(root, "requests", "[]*dto.GeminiEmbeddingRequest", null, JsonValueKind.Array);
        foreach (var request in GeminiJson.Items(root, "requests").Where(r => r.ValueKind != JsonValueKind.Null))
        {
            CheckRequest(request, GoBatch, "requests.");
        }
    }

    // The Go types of dto.GeminiEmbeddingRequest: model, taskType and title strings, content an object, outputDimensionality an int.
    private static void CheckRequest(JsonElement request, GoJsonFields go, string path)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            throw path.Length == 0
                ? go.NotAnObject(request.ValueKind)
                : new FormatException($"json: cannot unmarshal {GoJsonFields.GoKind(request.ValueKind)} into Go struct field GeminiBatchEmbeddingRequest.requests of type dto.GeminiEmbeddingRequest");
        }

        go.OptionalString(request, "model", path + "model");
        go.OptionalString(request, "taskType", path + "taskType");
        go.OptionalString(request, "title", path + "title");
        go.OptionalInteger(request, "outputDimensionality", unsigned: false, path + "outputDimensionality");
        go.CheckKind(request, "content", "dto.GeminiChatContent", path + "content", JsonValueKind.Object);
        go.CheckKind(GeminiJson.Object(request, "content"), "parts", "[]dto.GeminiPart", path + "content.parts", JsonValueKind.Array);
    }
}
