using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Rerank;

/// <summary>
/// new-api's checks of a <c>POST /v1/rerank</c> body (<c>GetAndValidateRerankRequest</c>): the body unmarshals into
/// <c>dto.RerankRequest</c> (Go's messages for a field of the wrong type), then an empty <c>query</c> ("query is empty")
/// and no <c>documents</c> ("documents is empty") are refused. Failures are <see cref="FormatException"/>s for
/// <see cref="RequestJson"/>, which the endpoint answers with HTTP 500 <c>invalid_request</c>. The upstreams' own
/// checks are not emulated: what passes these is ranked.
/// </summary>
internal static class RerankRequestValidator
{
    private static readonly GoJsonFields Go = new("RerankRequest");

    /// <summary>Throws new-api's message when the body is refused.</summary>
    public static void CheckGatewayRules(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Go.NotAnObject(root.ValueKind);
        }

        Go.OptionalString(root, "model");
        string query = Go.OptionalString(root, "query") ?? "";
        Go.OptionalInteger(root, "top_n", unsigned: false);
        Go.OptionalBool(root, "return_documents");
        Go.OptionalInteger(root, "max_chunk_per_doc", unsigned: false);
        Go.OptionalInteger(root, "overlap_tokens", unsigned: false);
        Go.CheckKind(root, "documents", "[]interface {}", null, JsonValueKind.Array);

        if (query.Length == 0)
        {
            throw new FormatException("query is empty");
        }

        if (JsonRead.Items(root, "documents").Count == 0)
        {
            throw new FormatException("documents is empty");
        }
    }
}
