using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using NexLLM.Cli.Output;
using Spectre.Console;

namespace NexLLM.Cli.Commands;

/// <summary>
/// One question and its answer: the answer's text on standard output as it arrives; on standard error, the reasoning
/// dimmed and then one dimmed line with the usage, finish reason, request id, time to the first token and total time, so
/// that standard output carries the answer alone (<c>nexllm chat ... --json-schema s.json &gt; out.json</c>). Model text
/// is written as text, never as markup, and without control characters (<see cref="PlainText"/>).
/// </summary>
internal static class ChatTurn
{
    private static readonly Style Dim = new(decoration: Decoration.Dim);

    /// <summary>Asks and prints the answer.</summary>
    /// <param name="context">Where the answer (<see cref="CliContext.Output"/>) and the rest (<see cref="CliContext.ErrorOutput"/>) go.</param>
    /// <param name="chat">The chat client.</param>
    /// <param name="messages">The conversation so far, ending with the question.</param>
    /// <param name="settings">Streaming or not, and the options.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer, to append to the conversation.</returns>
    public static async Task<ChatResponse> RunAsync(CliContext context, IChatClient chat, IList<ChatMessage> messages, ChatSettings settings, CancellationToken cancellationToken)
    {
        var writer = new AnswerWriter(context.Output, context.ErrorOutput);
        // From the request on (the process's own start is not this code's to see: bench/cli-startup measures it).
        long start = Stopwatch.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await AskAsync(writer, start, chat, messages, settings, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // An error line (or the shell's prompt, after Ctrl+C) starts on a line of its own, not after half an answer.
            writer.EndLine();
            throw;
        }

        writer.EndLine();
        context.ErrorOutput.Write(new PlainText(Summary(response, writer.FirstToken, Stopwatch.GetElapsedTime(start)) + "\n", Dim));
        return response;
    }

    private static async Task<ChatResponse> AskAsync(AnswerWriter writer, long start, IChatClient chat, IList<ChatMessage> messages, ChatSettings settings, CancellationToken cancellationToken)
    {
        ChatResponse response;
        if (settings.Stream)
        {
            List<ChatResponseUpdate> updates = [];
            await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync(messages, settings.CreateOptions(), cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
                writer.Write(update.Contents, start);
            }

            // The request id rides on an update (the last); ToChatResponse does not carry updates' additional properties.
            response = updates.ToChatResponse();
            response.AdditionalProperties ??= [];
            foreach (ChatResponseUpdate update in updates)
            {
                if (update.AdditionalProperties?.TryGetValue(RequestIdKey, out object? id) is true)
                {
                    response.AdditionalProperties[RequestIdKey] = id;
                }
            }
        }
        else
        {
            response = await chat.GetResponseAsync(messages, settings.CreateOptions(), cancellationToken).ConfigureAwait(false);
            foreach (ChatMessage message in response.Messages)
            {
                writer.Write(message.Contents, start);
            }
        }

        return response;
    }

    /// <summary>The key of the gateway's request id in a response's additional properties.</summary>
    public const string RequestIdKey = "nexllm.request_id";

    /// <summary>The line after an answer, e.g. <c>12 input, 31 output tokens | finish: stop | request: 2026… | first token 41 ms, total 93 ms</c>.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="firstToken">The time to the first text (answer or reasoning), if any came.</param>
    /// <param name="total">The time of the whole request.</param>
    /// <returns>The line.</returns>
    public static string Summary(ChatResponse response, TimeSpan? firstToken, TimeSpan total)
    {
        List<string> parts = [];
        if (response.Usage is { } usage)
        {
            string reasoning = usage.ReasoningTokenCount is > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({usage.ReasoningTokenCount} reasoning)") : string.Empty;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{usage.InputTokenCount ?? 0} input, {usage.OutputTokenCount ?? 0} output tokens{reasoning}"));
        }

        if (response.FinishReason is { } finish)
        {
            parts.Add($"finish: {finish.Value}");
        }

        if (response.AdditionalProperties?.TryGetValue(RequestIdKey, out object? requestId) is true && requestId is not null)
        {
            parts.Add($"request: {requestId}");
        }

        string first = firstToken is { } time ? $"first token {Format.Milliseconds(time)}, " : string.Empty;
        parts.Add($"{first}total {Format.Milliseconds(total)}");
        return string.Join(" | ", parts);
    }

    /// <summary>
    /// Writes answer text (standard output) and reasoning text (standard error) as it comes, remembering when the first came
    /// and whether each stream is at the start of a line.
    /// </summary>
    private sealed class AnswerWriter(IAnsiConsole answer, IAnsiConsole about)
    {
        private bool _answerAtLineStart = true;
        private bool _reasoningAtLineStart = true;

        public TimeSpan? FirstToken { get; private set; }

        public void Write(IEnumerable<AIContent> contents, long start)
        {
            foreach (AIContent content in contents)
            {
                switch (content)
                {
                    case TextReasoningContent { Text.Length: > 0 } reasoning:
                        Mark(start);
                        about.Write(new PlainText(reasoning.Text, Dim));
                        _reasoningAtLineStart = reasoning.Text.EndsWith('\n');
                        break;
                    case TextContent { Text.Length: > 0 } text:
                        Mark(start);
                        // The reasoning ends its line before the answer starts (on a terminal, the answer shows under it).
                        EndLine(about, ref _reasoningAtLineStart);
                        answer.Write(new PlainText(text.Text));
                        _answerAtLineStart = text.Text.EndsWith('\n');
                        break;
                }
            }
        }

        public void EndLine()
        {
            EndLine(about, ref _reasoningAtLineStart);
            EndLine(answer, ref _answerAtLineStart);
        }

        private static void EndLine(IAnsiConsole console, ref bool atLineStart)
        {
            if (!atLineStart)
            {
                console.Write(new PlainText("\n"));
                atLineStart = true;
            }
        }

        private void Mark(long start) => FirstToken ??= Stopwatch.GetElapsedTime(start);
    }
}
