using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>An <see cref="IChatClient"/> over the Responses API, <c>POST /v1/responses</c>: the chat pipeline with this format's strategy.</summary>
internal sealed class ResponsesChatClient : ChatClientBase<ResponsesResponse, ResponsesTextDelta, ResponsesStreamEvent, ResponsesStreamMapper>
{
    private readonly Uri _uri;

    public ResponsesChatClient(NexLLMClient owner, NexLLMTransport transport, string model)
        : base(owner, transport, model, transport.Endpoint, ResponsesRequestMapper.Protocol, "Responses API")
    {
        _uri = new Uri(transport.Endpoint, "responses");
    }

    protected override JsonTypeInfo<ResponsesResponse> ResponseType => ResponsesJsonContext.Default.ResponsesResponse;

    protected override string AnswerPart => "output";

    protected override Func<ResponsesStreamItem, bool> IsPrelude => ResponsesStreamMapper.IsPrelude;

    protected override EndOfStreamRule<ResponsesStreamEvent, ResponsesStreamMapper> EndOfStream => ResponsesEndOfStream.Instance;

    protected override TransportRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ResponsesRequest request = ResponsesRequestMapper.Map(messages, options, Model, stream, LogIgnored);
        byte[] body = RequestBody.Serialize(request, ResponsesJsonContext.Default.ResponsesRequest, options, this, Transport, ResponsesRequestMapper.Protocol);
        return TransportRequest.PostJson(_uri, body, AuthScheme.Bearer);
    }

    /// <summary>A gateway error object in a 200 body: an error and no response status (a failed response has one).</summary>
    protected override bool CarriesError(ResponsesResponse response) =>
        response.Error is { ValueKind: JsonValueKind.Object or JsonValueKind.String } && response.Status is null;

    protected override ChatResponse? MapResponse(ResponsesResponse response, JsonElement raw, string? requestId)
    {
        if (response.Status == "failed")
        {
            // The model failed inside a 200 answer: the same error a stream's response.failed gives (docs/protocols/responses.md#response).
            byte[] body = BodyOf(raw);
            ErrorBody error = ErrorBody.TryParseJson(body, out ErrorBody parsed) ? parsed : new ErrorBody(null, null, null, null);
            throw Transport.Errors.Create(
                NexLLMErrorKind.InStreamError,
                $"NexLLM response failed: {error.Message ?? "no message"}{(error.Code is { } code ? $" ({code})" : null)}.",
                TransientRules.IsTransientStreamError(error.Type, error.Code),
                200,
                requestId,
                body,
                error: error);
        }

        return response.Output is null ? null : ResponsesResponseMapper.Map(response, raw, requestId);
    }

    /// <summary>The body as UTF-8 for the error's excerpt; one whose JSON values do not decode has none.</summary>
    private static byte[] BodyOf(JsonElement raw)
    {
        try
        {
            return Encoding.UTF8.GetBytes(raw.GetRawText());
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }

    protected override SseDataParser<ResponsesStreamItem> CreateParser() => ResponsesEventReader.Parse;

    protected override ResponsesStreamMapper CreateStreamMapper(IStreamContext stream) => new(stream);
}
