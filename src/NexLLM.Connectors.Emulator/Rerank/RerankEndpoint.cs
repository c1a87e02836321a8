using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Rerank;

/// <summary>
/// <c>POST /v1/rerank</c>: new-api's validation, then documents scored by <see cref="RerankScorer"/> (the embeddings'
/// lexical similarity), most relevant first, cut to <c>top_n</c> as <see cref="NexLLMEmulatorOptions.RerankTopN"/> says.
/// </summary>
internal sealed class RerankEndpoint(EmulatorSettings settings)
{
    public async Task HandleAsync(HttpContext context)
    {
        // "query is empty", "documents is empty" and unmarshal errors are types.NewError: HTTP 500 invalid_request (docs/protocols/gateway.md#statuses, docs/protocols/rerank.md).
        if (await GatewayIntake.AcceptAsync(context, settings, RerankRequestValidator.CheckGatewayRules).ConfigureAwait(false) is not { } root)
        {
            return;
        }

        var call = RerankRequestReader.Read(root);
        var ranked = RerankScorer.Rank(call.Query, call.Documents);
        int count = settings.RerankTopN switch
        {
            EmulatorRerankTopN.Ignored => ranked.Count,

            // new-api's Cohere conversion: top_n defaults to 1 (new-api relay/channel/cohere/relay-cohere.go).
            EmulatorRerankTopN.CohereDefaults => call.TopN > 0 ? call.TopN : 1,
            _ => call.TopN > 0 ? call.TopN : ranked.Count,
        };
        bool returnDocuments = call.ReturnDocuments || settings.RerankTopN == EmulatorRerankTopN.CohereDefaults;
        byte[] answer = RerankResponseWriter.Write(call, [.. ranked.Take(count)], returnDocuments, settings.RerankDocumentsAsStrings);
        await ResponseBodyWriter.WriteJsonAsync(context, answer, EmulatorExchange.Of(context).Fault).ConfigureAwait(false);
    }
}
