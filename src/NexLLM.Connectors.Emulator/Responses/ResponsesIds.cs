using System.Security.Cryptography;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// The ids of a response and of its output items, in OpenAI's style: a prefix and 48 lower-case hex digits
/// (<c>resp_…</c>, <c>msg_…</c>, <c>rs_…</c>, <c>fc_…</c>; docs/protocols/responses.md). Function calls also carry a
/// <c>call_id</c>, made by the engine (<c>call_…</c>).
/// </summary>
internal static class ResponsesIds
{
    public static string Response() => New("resp_");

    public static string Message() => New("msg_");

    public static string Reasoning() => New("rs_");

    public static string FunctionCall() => New("fc_");

    private static string New(string prefix) => prefix + RandomNumberGenerator.GetHexString(48, lowercase: true);
}
