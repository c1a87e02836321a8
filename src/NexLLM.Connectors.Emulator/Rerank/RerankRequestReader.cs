using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Rerank;

/// <summary>
/// Reads a <c>POST /v1/rerank</c> body like new-api's <c>GetAndValidateRerankRequest</c> (WIRE.md §7): it unmarshals into
/// <c>dto.RerankRequest</c> (Go's messages for a field of the wrong type), then refuses an empty <c>query</c>
/// ("query is empty") and no <c>documents</c> ("documents is empty"). The caller answers failures with HTTP 500
/// <c>invalid_request</c> (WIRE.md §0.5).
/// </summary>
internal static class RerankRequestReader
{
    private static readonly GoJsonFields Go = new("RerankRequest");

    public static bool TryRead(byte[] body, out RerankCall? call, out string? error)
    {
        call = null;
        error = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            call = Read(document.RootElement);
            return call is not null || (error = "documents is empty") is null;
        }
        catch (JsonException ex)
        {
            error = body.Length == 0 ? "unexpected end of JSON input" : $"invalid JSON request body: {ex.Message}";
            return false;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Reads the request; <see langword="null"/> when it has no documents.</summary>
    private static RerankCall? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Go.NotAnObject(root.ValueKind);
        }

        string model = Go.OptionalString(root, "model") ?? "";
        string query = Go.OptionalString(root, "query") ?? "";
        long topN = Go.OptionalInteger(root, "top_n", unsigned: false) ?? 0;
        bool returnDocuments = Go.OptionalBool(root, "return_documents") ?? false;
        Go.OptionalInteger(root, "max_chunk_per_doc", unsigned: false);
        Go.OptionalInteger(root, "overlap_tokens", unsigned: false);
        Go.CheckKind(root, "documents", "[]interface {}", null, JsonValueKind.Array);

        if (query.Length == 0)
        {
            throw new FormatException("query is empty");
        }

        if (!root.TryGetProperty("documents", out var documents) || documents.ValueKind != JsonValueKind.Array || documents.GetArrayLength() == 0)
        {
            return null;
        }

        // []any: a string is the text; an object's "text" is (Jina, Cohere v1); anything else is embedded as its JSON.
        var texts = documents.EnumerateArray().Select(static d => d.ValueKind switch
        {
            JsonValueKind.String => d.GetString()!,
            JsonValueKind.Object when d.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String => text.GetString()!,
            _ => d.GetRawText(),
        }).ToList();
        return new RerankCall(model, query, texts, (int)Math.Clamp(topN, 0, int.MaxValue), returnDocuments);
    }
}
