using System.Text;
using NexLLM.Connectors.Emulator.Faults;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// The help of the standalone emulator: every switch (from <see cref="StandaloneSwitches"/>), strict mode, the fault
/// header's syntax (every fault and parameter of <see cref="FaultHeaderParser"/>) and the base URLs to give an SDK.
/// </summary>
internal static class StandaloneHelp
{
    private const int SwitchColumn = 34;

    // What each fault does, in one line; the parameters come from the parser, so the list cannot go stale.
    private static readonly Dictionary<string, (string Value, string Effect)> FaultHelp = new(StringComparer.Ordinal)
    {
        ["status"] = ("<100-999>", "answer that status; body=openai (default) is new-api's relayed error, gateway its middleware shape, claude Anthropic's, empty none, html nginx's 502 page, text the message"),
        ["delay"] = ("<duration>", "wait, then answer normally"),
        ["stream-error"] = ("after:<n>", "an in-stream error event after n events, then the end (close=drop|<status>: how a realtime session ends)"),
        ["raw-stream-error"] = ("after:<n>", "new-api's error JSON appended raw (no 'data:') after n events"),
        ["failed"] = ("after:<n>", "on /v1/responses a response with status failed; elsewhere as stream-error"),
        ["truncate"] = ("after:<n>", "end cleanly after n events (no finish reason, no [DONE])"),
        ["failover"] = ("after:<n>", "after n events, a second complete answer under a new id (new-api's mid-stream retry)"),
        ["reset"] = ("after:<n>", "abort the connection after n events"),
        ["stall"] = ("after:<n>", "silence after n events for 'for' (default 30s), then abort"),
        ["malformed"] = ("after:<n>", "'data: {not json' after n events, then the rest (frame=binary on realtime)"),
        ["oversize"] = ("after:<n>", "one event of 'bytes' (default 100 MiB) after n events, then the end: for testing size limits"),
        ["redirect"] = ("<location>", "a redirect (status=300-399, default 307) with an empty body"),
    };

    /// <summary>The help, for the command as the user typed it (<c>nexllm-emulator</c>, or the <c>dotnet run</c> line).</summary>
    public static string Text(string command)
    {
        var text = new StringBuilder();
        text.Append("Usage: ").Append(command).AppendLine(" [options]").AppendLine()
            .AppendLine("A local emulator of the NexLLM gateway (new-api): OpenAI, Claude and Gemini wire formats with the gateway's quirks,")
            .AppendLine("deterministic answers, scripted faults. Point an SDK at it (the default address and key):")
            .AppendLine("  OpenAI (Python/JS openai)        base URL http://127.0.0.1:5080/v1")
            .AppendLine("  Anthropic (@anthropic-ai/sdk)    base URL http://127.0.0.1:5080          (the SDK adds /v1/messages)")
            .AppendLine("  Gemini (@google/genai)           base URL http://127.0.0.1:5080          (the SDK adds /v1beta/models/...)")
            .Append("  API key                          ").AppendLine(NexLLMEmulatorOptions.DefaultApiKey).AppendLine()
            .AppendLine("Options:");
        AppendSwitches(text, StandaloneSwitches.General);
        text.AppendLine().AppendLine("Gateway quirks (off by default; each reproduces something clients meet through new-api):");
        AppendSwitches(text, StandaloneSwitches.Quirks);
        text.AppendLine()
            .AppendLine("Strict mode (--strict):")
            .AppendLine("  Friendly by default, the emulator answers whatever it can. With --strict it refuses what the real services")
            .AppendLine("  refuse, each with a 400 in the provider's error shape as the gateway passes it on: for example a Gemini")
            .AppendLine("  thinkingBudget outside the model's range, or embedding dimensions above the model's native size. It also")
            .AppendLine("  turns on --reject-unknown-models (503 model_not_found, as new-api's distributor): add your models with --model.")
            .AppendLine()
            .AppendLine("Faults (from any language): send the request header")
            .Append("  ").Append(FaultHeaderParser.HeaderName).AppendLine(": <fault>=<value>[; <param>=<value>]...")
            .AppendLine("  (on the realtime WebSocket also the query parameter ?" + FaultHeaderParser.QueryName + "=<the same text, URL-encoded>)");
        foreach (var (fault, parameters) in FaultHeaderParser.Faults)
        {
            var (value, effect) = FaultHelp.TryGetValue(fault, out var help) ? help : ("<value>", "");
            text.Append("  ").Append($"{fault}={value}".PadRight(SwitchColumn - 2)).AppendLine(effect);
            if (parameters.Length > 0)
            {
                text.Append(' ', SwitchColumn).Append("parameters: ").AppendLine(string.Join(", ", parameters.Select(p => p + "=")));
            }
        }

        text.Append("  Every fault also takes ").Append(string.Join(" and ", FaultHeaderParser.SharedParameters.Select(p => p + "=")))
            .AppendLine(": the first 'times' requests with the same id (or header text) get the fault.")
            .AppendLine("  Durations: 250ms, 2s, 1.5s, 1m. A bad header is a 400 invalid_fault_header.")
            .AppendLine("  Example: curl -H \"" + FaultHeaderParser.HeaderName + ": status=429; retry-after=2\" http://127.0.0.1:5080/v1/models");
        return text.ToString();
    }

    private static void AppendSwitches(StringBuilder text, IEnumerable<StandaloneSwitch> switches)
    {
        foreach (var option in switches)
        {
            string syntax = option.Value is null ? option.Name : option.Name + " " + option.Value;
            text.Append("  ").Append(syntax.PadRight(SwitchColumn - 2));
            if (syntax.Length > SwitchColumn - 3)
            {
                text.AppendLine().Append(' ', SwitchColumn);
            }

            text.AppendLine(option.Help);
        }
    }
}
