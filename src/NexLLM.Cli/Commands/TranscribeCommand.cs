using System.CommandLine;
using Microsoft.Extensions.AI;
using NexLLM.Cli.Output;
using NexLLM.Connectors;

namespace NexLLM.Cli.Commands;

/// <summary><c>nexllm transcribe file [--format srt]</c>: the text of an audio file, uploaded as it is read.</summary>
internal static class TranscribeCommand
{
    private static readonly Dictionary<string, NexLLMTranscriptionFormat> Formats = new(StringComparer.Ordinal)
    {
        ["text"] = NexLLMTranscriptionFormat.Text,
        ["json"] = NexLLMTranscriptionFormat.Json,
        ["verbose_json"] = NexLLMTranscriptionFormat.VerboseJson,
        ["srt"] = NexLLMTranscriptionFormat.Srt,
        ["vtt"] = NexLLMTranscriptionFormat.Vtt,
    };

    /// <summary>Creates the command.</summary>
    /// <param name="runner">The shared options and error handling.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<FileInfo>("file") { Description = "The audio file (wav, mp3, m4a, webm, ...)" }.AcceptExistingOnly();
        var model = new Option<string>("--model", "-m") { Description = "The model", DefaultValueFactory = _ => "whisper-1" }.NotBlank();
        var format = new Option<string>("--format") { Description = "What to ask for: text, json (the default), verbose_json, or subtitles: srt, vtt", HelpName = "format" }
            .AcceptOnlyFromAmong([.. Formats.Keys]);
        var language = new Option<string>("--language") { Description = "The spoken language (ISO-639-1, e.g. en), if known" };
        var command = new Command("transcribe", "Transcribe an audio file to text or subtitles") { file, model, format, language };
        runner.SetGatewayAction(command, async (parseResult, connection, cancellationToken) =>
        {
            FileInfo audio = parseResult.GetRequiredValue(file);
            if (audio.Length == 0)
            {
                throw new UsageException($"{audio.Name} is empty: there is nothing to transcribe");
            }

            var options = new SpeechToTextOptions { SpeechLanguage = parseResult.GetValue(language) }.WithAudioFileName(audio.Name);
            if (parseResult.GetValue(format) is { } name)
            {
                options = options.WithTranscriptionFormat(Formats[name]);
            }

            ISpeechToTextClient transcription = connection.Client.GetSpeechToTextClient(parseResult.GetRequiredValue(model));
            SpeechToTextResponse response = await Transfer.RunAsync(runner.Context, $"uploading {audio.Name}", audio.Length, async progress =>
            {
                var stream = new ProgressReadStream(File.OpenRead(audio.FullName), progress);
                await using (stream.ConfigureAwait(false))
                {
                    return await transcription.GetTextAsync(stream, options, cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

            string text = response.Text;
            runner.Context.Output.Write(new PlainText(text.EndsWith('\n') ? text : text + "\n"));
            return ExitCodes.Success;
        });
        return command;
    }
}
