using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using NexLLM.Cli.Output;
using Spectre.Console;

namespace NexLLM.Cli.Commands;

/// <summary>
/// One question and its answer on the console: text as it arrives, reasoning dimmed, then one dimmed line with the usage,
/// finish reason, request id, time to the first token and total time. Model text is written as text, never as markup.
/// </summary>
internal static class ChatTurn
{
    private static readonly Style Dim = new(decoration: Decoration.Dim);

    /// <summary>Asks and prints the answer.</summary>
    /// <param name="console">Where the answer goes.</param>
    /// <param name="chat">The chat client.</param>
    /// <param name="messages">The conversation so far, ending with the question.</param>
    /// <param name="settings">Streaming or not, and the options.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer, to append to the conversation.</returns>
    public static async Task<ChatResponse> RunAsync(IAnsiConsole console, IChatClient chat, IList<ChatMessage> messages, ChatSettings settings, CancellationToken cancellationToken)
    {
        var writer = new AnswerWriter(console);
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
        console.Write(new PlainText(Summary(response, writer.FirstToken, Stopwatch.GetElapsedTime(start)) + "\n", Dim));
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

    /// <summary>Writes answer and reasoning text as it comes, remembering when the first came and where the line is.</summary>
    private sealed class AnswerWriter(IAnsiConsole console)
    {
        private bool _inReasoning;
        private bool _atLineStart = true;

        public TimeSpan? FirstToken { get; private set; }

        public void Write(IEnumerable<AIContent> contents, long start)
        {
            foreach (AIContent content in contents)
            {
                switch (content)
                {
                    case TextReasoningContent { Text.Length: > 0 } reasoning:
                        Mark(start);
                        _inReasoning = true;
                        Emit(reasoning.Text, Dim);
                        break;
                    case TextContent { Text.Length: > 0 } text:
                        Mark(start);
                        if (_inReasoning)
                        {
                            // The answer starts on its own line under the dimmed reasoning.
                            EndLine();
                            _inReasoning = false;
                        }

                        Emit(text.Text, Style.Plain);
                        break;
                }
            }
        }

        public void EndLine()
        {
            if (!_atLineStart)
            {
                console.Write(new PlainText("\n"));
                _atLineStart = true;
            }
        }

        private void Mark(long start) => FirstToken ??= Stopwatch.GetElapsedTime(start);

        private void Emit(string text, Style style)
        {
            console.Write(new PlainText(text, style));
            _atLineStart = text.EndsWith('\n');
        }
    }
}
