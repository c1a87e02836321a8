using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// The <c>response</c> object of <c>response.created</c> and <c>response.done</c> (openai-python beta
/// <c>realtime_response.py</c>; GA <c>types/realtime/realtime_response.py</c>), with the beta usage shape
/// (<c>input_token_details</c> / <c>output_token_details</c>, which new-api reads for billing: dto/realtime.go).
/// </summary>
internal sealed class RealtimeResponseObject(string conversationId, IReadOnlyList<string> modalities, RealtimeSessionSettings session, int? maxOutputTokens)
{
    public string Id { get; } = "resp_" + RequestIds.RandomToken(21);

    /// <summary>Gets or sets the status: <c>in_progress</c>, <c>completed</c>, <c>incomplete</c>, <c>cancelled</c> or <c>failed</c>.</summary>
    public string Status { get; set; } = "in_progress";

    /// <summary>Gets or sets the status details: the reason of <c>incomplete</c> / <c>cancelled</c>, or the error of <c>failed</c>.</summary>
    public (string Reason, RealtimeError? Error)? StatusDetails { get; set; }

    public List<RealtimeItem> Output { get; } = [];

    public IReadOnlyList<string> Modalities { get; } = modalities;

    /// <summary>Gets or sets the metadata of the <c>response.create</c>, echoed on the response.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Gets or sets the usage (input text, cached, input audio, output text, output audio tokens); <see langword="null"/> until done.</summary>
    public (int InputText, int InputAudio, int OutputText, int OutputAudio)? Usage { get; set; }

    public void Write(Utf8JsonWriter w, RealtimeDialect dialect)
    {
        w.WriteStartObject("response");
        w.WriteString("object", "realtime.response");
        w.WriteString("id", Id);
        w.WriteString("status", Status);
        WriteStatusDetails(w);
        w.WriteStartArray("output");
        foreach (var item in Output)
        {
            item.Write(w, null);
        }

        w.WriteEndArray();
        w.WriteString("conversation_id", conversationId);
        if (dialect.IsGa)
        {
            w.WriteStartArray("output_modalities");
            w.WriteStringValue(Modalities.Contains("audio") ? "audio" : "text");
            w.WriteEndArray();
        }
        else
        {
            w.WriteStartArray("modalities");
            foreach (string modality in Modalities)
            {
                w.WriteStringValue(modality);
            }

            w.WriteEndArray();
            w.WriteString("voice", session.Voice);
            w.WriteString("output_audio_format", session.OutputAudioFormat);
            w.WriteNumber("temperature", session.Temperature);
        }

        RealtimeSessionWriter.WriteLimit(w, "max_output_tokens", maxOutputTokens);
        WriteUsage(w);
        if (Metadata is { } metadata)
        {
            w.WritePropertyName("metadata");
            metadata.WriteTo(w);
        }
        else
        {
            w.WriteNull("metadata");
        }
        w.WriteEndObject();
    }

    private void WriteStatusDetails(Utf8JsonWriter w)
    {
        if (StatusDetails is not { } details)
        {
            w.WriteNull("status_details");
            return;
        }

        w.WriteStartObject("status_details");
        w.WriteString("type", Status);
        if (details.Error is { } error)
        {
            w.WriteStartObject("error");
            w.WriteString("type", error.Type);
            JsonBuffer.WriteStringOrNull(w, "code", error.Code);
            w.WriteString("message", error.Message);
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("reason", details.Reason);
        }

        w.WriteEndObject();
    }

    private void WriteUsage(Utf8JsonWriter w)
    {
        if (Usage is not { } usage)
        {
            w.WriteNull("usage");
            return;
        }

        int input = usage.InputText + usage.InputAudio;
        int output = usage.OutputText + usage.OutputAudio;
        w.WriteStartObject("usage");
        w.WriteNumber("total_tokens", input + output);
        w.WriteNumber("input_tokens", input);
        w.WriteNumber("output_tokens", output);
        w.WriteStartObject("input_token_details");
        w.WriteNumber("cached_tokens", 0);
        w.WriteNumber("text_tokens", usage.InputText);
        w.WriteNumber("audio_tokens", usage.InputAudio);
        w.WriteEndObject();
        w.WriteStartObject("output_token_details");
        w.WriteNumber("text_tokens", usage.OutputText);
        w.WriteNumber("audio_tokens", usage.OutputAudio);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
