using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Completions;

/// <summary>
/// Sends a legacy completion request and reads its answer, whole or streamed (docs/protocols/completions.md), on the shared
/// transport: the same error, retry, prelude and end-of-stream rules as the chat pipeline.
/// </summary>
internal static class CompletionsPipeline
{
    public const string Protocol = "completions";

    private const string Operation = "completion";

    /// <summary>Serializes a mapped request with the caller's extra fields, for <c>POST {endpoint}/completions</c>.</summary>
    public static TransportRequest BuildRequest(NexLLMTransport transport, CompletionRequest request, AdditionalPropertiesDictionary? extras)
    {
        byte[] body = RequestBody.Serialize(
            request, CompletionsJsonContext.Default.CompletionRequest, extras, raw: null, transport, Protocol, nameof(NexLLMCompletionOptions));
        return TransportRequest.PostJson(new Uri(transport.Endpoint, "completions"), body, AuthScheme.Bearer);
    }

    public static async Task<NexLLMCompletion> CompleteAsync(NexLLMTransport transport, TransportRequest request, CancellationToken cancellationToken)
    {
        using TransportResponse response = await transport.SendAsync(request, Operation, cancellationToken).ConfigureAwait(false);
        (CompletionResponse? value, JsonElement raw) = ResponseJson.Read(
            response, CompletionsJsonContext.Default.CompletionResponse, CarriesError, transport, Operation);
        return (value is null ? null : CompletionResponseMapper.Map(value, raw, response.RequestId))
            ?? throw ResponseJson.Invalid(response, "has no choices.", transport, Operation);
    }

    public static async IAsyncEnumerable<NexLLMCompletionUpdate> StreamAsync(
        NexLLMTransport transport, TransportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SseStream<JsonEvent<CompletionResponse>> stream = await transport
            .OpenStreamAsync(request, Operation, Parse, JsonEvent<CompletionResponse>.ErrorOf, CompletionStreamMapper.IsPrelude, cancellationToken)
            .ConfigureAwait(false);
        await using var releaseConnection = stream.ConfigureAwait(false);

        var mapper = new CompletionStreamMapper(stream);
        bool sawDone = false;
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            if (JsonEvent<CompletionResponse>.ErrorOf(stream) is { } error)
            {
                throw error;
            }

            if (stream.Current.IsDone)
            {
                sawDone = true;
                break;
            }

            if (stream.Current.Value is { } chunk)
            {
                foreach (NexLLMCompletionUpdate update in mapper.Map(chunk))
                {
                    yield return update;
                }
            }
        }

        // The chat-completions rule (docs/protocols/completions.md#streaming): [DONE] alone does not prove the answer complete.
        bool complete = sawDone && mapper.Finished;
        stream.ThrowIfIncomplete(sawDone, complete, sawDone ? "a finish_reason before [DONE]" : "a finish_reason and [DONE]");
        if (!complete)
        {
            // A caller who allowed incomplete streams still gets the request id on the last update.
            yield return mapper.Last();
        }
    }

    private static JsonEvent<CompletionResponse> Parse(ReadOnlySpan<byte> data) =>
        JsonEvent<CompletionResponse>.Parse(data, CompletionsJsonContext.Default.CompletionResponse, IsStreamError);

    /// <summary>An error object some servers answer with HTTP 200 instead of a completion.</summary>
    private static bool CarriesError(CompletionResponse response) => response.Error is { ValueKind: JsonValueKind.Object or JsonValueKind.String };

    /// <summary>An in-stream error, <c>data: {"error":{...}}</c> with HTTP 200 (an <c>error</c> of another shape is reported as malformed).</summary>
    private static bool IsStreamError(CompletionResponse chunk) => chunk.Error is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
}
