using System.Text;

namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>The sentences of the rule-based replies: answers, answers that use tool results, and reasoning.</summary>
internal static class ReplyComposer
{
    private const int MaxResultLength = 200;

    public static string Answer(UserText user, int attachments)
    {
        string answer;
        if (user.IsEmpty)
        {
            answer = "Hello! I am the NexLLM emulator, a local stand-in for the NexLLM gateway. Ask me anything and I will answer deterministically.";
        }
        else if (user.IsGreeting)
        {
            answer = "Hello! I am the NexLLM emulator, a local stand-in for the NexLLM gateway. How can I help you today?";
        }
        else if (user.IsQuestion)
        {
            string asked = user.TopicReadsWell ? $"You asked about {user.Topic}." : $"You asked: \"{user.Excerpt}\".";
            answer = $"{asked} This is a deterministic reply from the NexLLM emulator: with a real model behind the gateway, the answer would be here.";
        }
        else
        {
            string about = user.TopicReadsWell ? $"Here is my reply about {user.Topic}." : $"Here is my reply to \"{user.Excerpt}\".";
            answer = $"{about} The NexLLM emulator answers deterministically, so it restates the topic of your message instead of calling a real model.";
        }

        return attachments switch
        {
            0 => answer,
            1 => answer + " I also received 1 attachment.",
            _ => answer + $" I also received {attachments} attachments.",
        };
    }

    /// <summary>An answer that quotes each tool result, e.g. <c>get_weather returned: {"temp":21}.</c></summary>
    public static string FromToolResults(IReadOnlyList<(string Name, string Content)> results, UserText user)
    {
        var text = new StringBuilder();
        foreach (var (name, content) in results)
        {
            string result = content.Trim();
            if (result.Length > MaxResultLength)
            {
                result = result[..MaxResultLength] + "…";
            }

            text.Append(name).Append(" returned: ").Append(result.Length == 0 ? "(nothing)" : result).Append(". ");
        }

        text.Append(results.Count == 1 ? "Based on that result, " : "Based on those results, ");
        text.Append(user.IsEmpty ? "the task is done." : $"this answers your request {user.AboutPhrase}.");
        return text.ToString();
    }

    public static string Reasoning(UserText user, IReadOnlyList<ChatToolCall> calls, bool hasToolResults)
    {
        string subject = user.IsEmpty ? "The conversation has no user question yet." : $"The user asks {user.AboutPhrase}.";
        string plan = calls.Count > 0
            ? $"I should call {string.Join(" and ", calls.Select(c => c.Name).Distinct(StringComparer.Ordinal))} to get the information, then answer."
            : hasToolResults
                ? "The tool results are available, so I can answer now."
                : "I can answer this directly, in a sentence or two.";
        return subject + " " + plan;
    }

    /// <summary>The answer of a <c>json_object</c> response format.</summary>
    public static string JsonObject(string answer) => Hosting.JsonBuffer.ToText(w =>
    {
        w.WriteStartObject();
        w.WriteString("answer", answer);
        w.WriteEndObject();
    });
}
