using System.CommandLine;
using Microsoft.Extensions.AI;
using NexLLM.Cli.Output;

namespace NexLLM.Cli.Commands;

/// <summary>
/// <c>nexllm speak "text" -o file.wav</c>: speech into a file, written as it arrives (into a temporary file, moved over the
/// target when complete: <see cref="OutputFile"/>).
/// </summary>
internal static class SpeakCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">The shared options and error handling.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var text = new Argument<string>("text") { Description = "What to say" }.NotBlank();
        var output = new Option<FileInfo>("--output", "-o")
        {
            Description = "The audio file to write; its extension is the format (.wav, .mp3, .opus, .aac, .flac, .pcm)",
            HelpName = "file",
            Required = true,
        };
        var model = new Option<string>("--model", "-m") { Description = "The model", DefaultValueFactory = _ => "tts-1" }.NotBlank();
        var voice = new Option<string>("--voice") { Description = "The voice", DefaultValueFactory = _ => "alloy" }.NotBlank();
        var command = new Command("speak", "Turn text into speech, written to an audio file as it arrives") { text, output, model, voice };
        runner.SetGatewayAction(command, async (parseResult, connection, cancellationToken) =>
        {
            FileInfo file = parseResult.GetRequiredValue(output);
            string format = MediaTypes.SpeechFormat(file.Name)
                ?? throw new UsageException($"--output: {file.Name} has no audio extension (.wav, .mp3, .opus, .aac, .flac or .pcm)");
            OutputFile.Check(file, "--output");
            ITextToSpeechClient speech = connection.Client.GetTextToSpeechClient(parseResult.GetRequiredValue(model));
            var options = new TextToSpeechOptions { VoiceId = parseResult.GetRequiredValue(voice), AudioFormat = format };

            string? mediaType = null;
            OutputFile target = OutputFile.Open(file);
            long written;
            await using (target.ConfigureAwait(false))
            {
                FileStream stream = target.Stream;
                written = await Transfer.RunAsync(runner.Context, $"downloading {file.Name}", null, async progress =>
                {
                    await foreach (TextToSpeechResponseUpdate update in speech.GetStreamingAudioAsync(parseResult.GetRequiredValue(text), options, cancellationToken).ConfigureAwait(false))
                    {
                        foreach (DataContent audio in update.Contents.OfType<DataContent>())
                        {
                            mediaType ??= audio.MediaType;
                            await stream.WriteAsync(audio.Data, cancellationToken).ConfigureAwait(false);
                            progress.Report(stream.Length);
                        }
                    }

                    return stream.Length;
                }).ConfigureAwait(false);
                await target.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            runner.Context.Output.Write(new PlainText($"wrote {file.Name}: {mediaType ?? format}, {Format.Bytes(written)}\n"));
            return ExitCodes.Success;
        });
        return command;
    }
}
