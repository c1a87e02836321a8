using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>What a response object and all of its stream events share: its id, creation time, model and the request it echoes.</summary>
/// <param name="Id">The response id, <c>resp_…</c>.</param>
/// <param name="CreatedAt">The Unix time of creation, in seconds.</param>
/// <param name="Model">The model, echoed from the request.</param>
/// <param name="Request">The request body, whose settings the response echoes.</param>
internal sealed record ResponsesEnvelope(string Id, long CreatedAt, string Model, JsonElement Request)
{
    public static ResponsesEnvelope New(ResponsesCall call) =>
        new(ResponsesIds.Response(), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), call.Request.Model, call.Body);
}
