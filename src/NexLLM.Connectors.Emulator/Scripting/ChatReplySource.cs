using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Scripting;

/// <summary>
/// Picks the reply to a chat request that passed auth and validation, whatever its wire format: the scripted reply at
/// the head of the queue (with the fault it was queued with), else the engine's rule-based reply. A fault from the
/// request header wins over a scripted one.
/// </summary>
internal static class ChatReplySource
{
    /// <returns>
    /// The reply and the stream fault to play it with; <see langword="null"/> when the client left during a scripted
    /// delay (the connection is then aborted and there is nothing more to write).
    /// </returns>
    public static async Task<(ChatEngineReply Reply, EmulatorFault? Fault)?> PickAsync(HttpContext context, ScriptQueue script, ChatEngineRequest request, ILogger logger)
    {
        var exchange = EmulatorExchange.Of(context);
        var fault = exchange.Fault;
        if (script.TakeReply() is not var (scriptedReply, scriptedFault))
        {
            return (ChatEngine.Reply(request), fault);
        }

        EmulatorLog.ScriptedReplyUsed(logger, context.Request.Path.Value ?? "", exchange.RequestId);
        var reply = ScriptedReplies.ToEngineReply(scriptedReply, request);
        if (scriptedFault?.Kind != EmulatorFaultKind.Delay)
        {
            return (reply, fault ?? scriptedFault);
        }

        if (!await Pauses.WaitAsync(scriptedFault.Duration, exchange.Aborted).ConfigureAwait(false))
        {
            context.Abort();
            return null;
        }

        return (reply, fault);
    }
}
