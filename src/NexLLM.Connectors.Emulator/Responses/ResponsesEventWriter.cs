using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// Renders a response as the event stream of docs/protocols/responses.md, each event <c>event: &lt;type&gt;</c> with the same
/// <c>type</c> and an increasing <c>sequence_number</c> (from 0) in its data, no <c>[DONE]</c>: <c>response.created</c>
/// and <c>response.in_progress</c> (status in progress, empty output, no usage), then per output item
/// <c>response.output_item.added</c>, its deltas and <c>response.output_item.done</c> — reasoning with its summary part
/// and <c>response.reasoning_summary_text.delta</c> pieces (when summarised), a message with per part
/// <c>response.content_part.added</c>, <c>response.output_text.delta</c> (or <c>response.refusal.delta</c>) pieces of a
/// few words, the <c>.done</c> events and <c>response.content_part.done</c>, a function call with
/// <c>response.function_call_arguments.delta</c> fragments cut at uneven places and <c>.done</c> — and last
/// <c>response.completed</c> or <c>response.incomplete</c> with the whole response and its usage.
/// </summary>
internal static class ResponsesEventWriter
{
    /// <param name="envelope">The response's id, model and request.</param>
    /// <param name="outcome">How it ends.</param>
    /// <param name="failure">A failure to end with instead: <c>response.failed</c> replaces event <paramref name="failAt"/> (at the latest the terminal event) and ends the stream.</param>
    /// <param name="failAt">The events sent before the failure.</param>
    public static SseTranscript Build(ResponsesEnvelope envelope, ResponsesOutcome outcome, ResponsesFailure? failure = null, int failAt = 0)
    {
        var events = new List<SseEvent>();
        void Add(string type, Action<Utf8JsonWriter> write)
        {
            int sequenceNumber = events.Count;
            events.Add(new SseEvent(type, JsonBuffer.ToText(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", type);
                w.WriteNumber("sequence_number", sequenceNumber);
                write(w);
                w.WriteEndObject();
            })));
        }

        void AddResponse(string type, ResponsesOutcome state) => Add(type, w =>
        {
            w.WritePropertyName("response");
            ResponsesObjectWriter.Write(w, envelope, state);
        });

        AddResponse("response.created", ResponsesOutcome.InProgress);
        AddResponse("response.in_progress", ResponsesOutcome.InProgress);
        var doneAt = new List<int>();
        for (int index = 0; index < outcome.Output.Count; index++)
        {
            var item = outcome.Output[index];
            int outputIndex = index;
            void AddItemEvent(string type, Action<Utf8JsonWriter> write) => Add(type, w =>
            {
                w.WriteString("item_id", item.Id);
                w.WriteNumber("output_index", outputIndex);
                write(w);
            });

            Add("response.output_item.added", w => WriteItem(w, outputIndex, item, added: true));
            switch (item)
            {
                case ResponsesReasoningItem { Summarised: true } reasoning:
                    AddSummaryEvents(AddItemEvent, reasoning.Text);
                    break;
                case ResponsesMessageItem message:
                    for (int part = 0; part < message.Parts.Count; part++)
                    {
                        AddPartEvents(AddItemEvent, part, message.Parts[part]);
                    }

                    break;
                case ResponsesFunctionCallItem call:
                    foreach (string piece in StreamSplitter.SplitArguments(call.Call.ArgumentsJson))
                    {
                        AddItemEvent("response.function_call_arguments.delta", w => w.WriteString("delta", piece));
                    }

                    AddItemEvent("response.function_call_arguments.done", w =>
                    {
                        w.WriteString("name", call.Call.Name);
                        w.WriteString("arguments", call.Call.ArgumentsJson);
                    });
                    break;
            }

            Add("response.output_item.done", w => WriteItem(w, outputIndex, item, added: false));
            doneAt.Add(events.Count - 1);
        }

        int finishIndex = events.Count;
        if (failure is not null)
        {
            // The stream ends with the failure where it strikes: only the items done before it are in the failed response.
            finishIndex = Math.Min(failAt, finishIndex);
            events.RemoveRange(finishIndex, events.Count - finishIndex);
            var finished = outcome.Output.Where((_, i) => doneAt[i] < finishIndex).ToList();
            AddResponse("response.failed", ResponsesOutcome.Failed(finished, failure));
        }
        else
        {
            AddResponse("response." + outcome.Status, outcome);
        }

        return new SseTranscript(events, finishIndex, DoneData: null, ErrorEventName: "error");
    }

    private static void WriteItem(Utf8JsonWriter w, int outputIndex, ResponsesOutputItem item, bool added)
    {
        w.WriteNumber("output_index", outputIndex);
        w.WritePropertyName("item");
        item.WriteTo(w, added);
    }

    // One summary part holding the whole reasoning, in pieces.
    private static void AddSummaryEvents(Action<string, Action<Utf8JsonWriter>> add, string text)
    {
        void SummaryEvent(string type, Action<Utf8JsonWriter> write) => add(type, w =>
        {
            w.WriteNumber("summary_index", 0);
            write(w);
        });

        SummaryEvent("response.reasoning_summary_part.added", w => WriteSummaryPart(w, ""));
        foreach (string piece in StreamSplitter.SplitText(text))
        {
            SummaryEvent("response.reasoning_summary_text.delta", w => w.WriteString("delta", piece));
        }

        SummaryEvent("response.reasoning_summary_text.done", w => w.WriteString("text", text));
        SummaryEvent("response.reasoning_summary_part.done", w => WriteSummaryPart(w, text));
    }

    private static void WriteSummaryPart(Utf8JsonWriter w, string text)
    {
        w.WritePropertyName("part");
        ResponsesReasoningItem.WriteSummaryPart(w, text);
    }

    private static void AddPartEvents(Action<string, Action<Utf8JsonWriter>> add, int contentIndex, ResponsesContentPart part)
    {
        void PartEvent(string type, Action<Utf8JsonWriter> write) => add(type, w =>
        {
            w.WriteNumber("content_index", contentIndex);
            write(w);
        });

        PartEvent("response.content_part.added", w =>
        {
            w.WritePropertyName("part");
            part.WriteTo(w, empty: true);
        });

        string kind = part.IsRefusal ? "refusal" : "output_text";
        foreach (string piece in StreamSplitter.SplitText(part.Text))
        {
            PartEvent($"response.{kind}.delta", w =>
            {
                w.WriteString("delta", piece);
                WriteNoLogprobs(w, part);
            });
        }

        PartEvent($"response.{kind}.done", w =>
        {
            w.WriteString(part.IsRefusal ? "refusal" : "text", part.Text);
            WriteNoLogprobs(w, part);
        });
        PartEvent("response.content_part.done", w =>
        {
            w.WritePropertyName("part");
            part.WriteTo(w, empty: false);
        });
    }

    // Text events carry log probabilities (none were asked for); refusal events have no such field.
    private static void WriteNoLogprobs(Utf8JsonWriter w, ResponsesContentPart part)
    {
        if (!part.IsRefusal)
        {
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        }
    }
}
