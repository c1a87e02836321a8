using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Realtime;

/// <summary>
/// The last <c>error</c> event the caller was given. When the server closes the session right after it (the gateway's own
/// errors: docs/protocols/gateway.md#error-bodies, realtime), that error is why the session ended.
/// </summary>
internal sealed class RealtimeErrorEvent(ErrorRealtimeServerMessage message)
{
    /// <summary>The error as the <see cref="NexLLMErrorKind.InStreamError"/> that ended the session.</summary>
    public NexLLMException ToException(ErrorFactory errors)
    {
        byte[] raw = message.RawRepresentation is JsonElement json ? JsonSerializer.SerializeToUtf8Bytes(json, Common.SharedJsonContext.Default.JsonElement) : [];
        ErrorBody error = ErrorBody.TryParseJson(raw, out ErrorBody parsed) ? parsed : new ErrorBody(message.Error?.Message, null, message.Error?.ErrorCode, null);

        // The gateway's event id is "evt_" + its request id.
        string? requestId = message.MessageId is { } id && id.StartsWith("evt_", StringComparison.Ordinal) ? id["evt_".Length..] : null;
        return errors.FromErrorObject(error, raw, "realtime", requestId, inStream: true);
    }
}
