using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Rerank;

/// <summary>
/// Maps a <c>POST /v1/rerank</c> body to the call, in the second of the two steps the Claude and Gemini routes take
/// too: the body has passed new-api's checks (<see cref="RerankRequestValidator"/>, run by <see cref="GatewayIntake"/>).
/// </summary>
internal static class RerankRequestReader
{
    /// <summary>Maps a body that passed new-api's checks to the call.</summary>
    public static RerankCall Read(JsonElement root)
    {
        // []any: a string is the text; an object's "text" is (Jina, Cohere v1); anything else is embedded as its JSON.
        var texts = JsonRead.Items(root, "documents").Select(static d => d.ValueKind switch
        {
            JsonValueKind.String => d.GetString()!,
            JsonValueKind.Object when JsonRead.Text(d, "text") is { } text => text,
            _ => d.GetRawText(),
        }).ToList();
        long topN = JsonRead.Integer(root, "top_n") ?? 0;
        return new RerankCall(
            JsonRead.Text(root, "model") ?? "",
            JsonRead.Text(root, "query")!,
            texts,
            (int)Math.Clamp(topN, 0, int.MaxValue),
            JsonRead.Bool(root, "return_documents") ?? false);
    }
}
