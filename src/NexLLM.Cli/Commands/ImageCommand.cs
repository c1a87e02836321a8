using System.CommandLine;
using Size = System.Drawing.Size;
using Microsoft.Extensions.AI;
using NexLLM.Cli.Output;
using NexLLM.Connectors;

namespace NexLLM.Cli.Commands;

/// <summary><c>nexllm image "prompt" [-o file] [--edit file [--mask file]]</c>: generate an image, or edit one, into a file.</summary>
internal static class ImageCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">The shared options and error handling.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var prompt = new Argument<string>("prompt") { Description = "What to draw, or what to change in the --edit image" }.NotBlank();
        var output = new Option<FileInfo>("--output", "-o")
        {
            Description = "The file to write (.png, .jpg or .webp)",
            HelpName = "file",
            DefaultValueFactory = _ => new FileInfo("image.png"),
        };
        var edit = new Option<FileInfo>("--edit") { Description = "Edit this image instead of drawing a new one", HelpName = "file" }.AcceptExistingOnly();
        var mask = new Option<FileInfo>("--mask") { Description = "With --edit: an image (.png, .jpg or .webp) whose transparent pixels mark where to paint", HelpName = "file" }.AcceptExistingOnly();
        var model = new Option<string>("--model", "-m") { Description = "The model", DefaultValueFactory = _ => "gpt-image-1" }.NotBlank();
        var size = new Option<string>("--size") { Description = "The size, e.g. 1024x1024", HelpName = "WxH" };
        var command = new Command("image", "Generate an image from a prompt, or edit one, into a file") { prompt, output, edit, mask, model, size };
        command.Validators.Add(result =>
        {
            if (result.GetValue(mask) is not null && result.GetValue(edit) is null)
            {
                result.AddError("--mask needs --edit (the image the mask applies to)");
            }
        });
        runner.SetGatewayAction(command, async (parseResult, connection, cancellationToken) =>
        {
            FileInfo file = parseResult.GetRequiredValue(output);
            string mediaType = MediaTypes.Image(file.Name) ?? throw new UsageException($"--output: {file.Name} is not a .png, .jpg or .webp file");
            OutputFile.Check(file, "--output");
            if (parseResult.GetResult(output) is null or { Implicit: true } && file.Exists)
            {
                // Replacing a file is what -o asks for; the default name is not a request to replace anything.
                throw new UsageException($"{file.Name} exists: pass -o {file.Name} to replace it, or -o <file> for another name");
            }

            // The bytes, not a link (dall-e-2 and dall-e-3 answer with a link unless asked; the library leaves the field
            // out for gpt-image, which always answers with the bytes).
            var options = new ImageGenerationOptions
            {
                MediaType = mediaType,
                ImageSize = ParseSize(parseResult.GetValue(size)),
                ResponseFormat = ImageGenerationResponseFormat.Data,
            };
            IImageGenerator images = connection.Client.GetImageGenerator(parseResult.GetRequiredValue(model));
            string text = parseResult.GetRequiredValue(prompt);

            ImageGenerationResponse response;
            if (parseResult.GetValue(edit) is { } original)
            {
                DataContent image = await ReadImageAsync(original, "--edit", cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(mask) is { } maskFile)
                {
                    options = options.WithImageMask(await ReadImageAsync(maskFile, "--mask", cancellationToken).ConfigureAwait(false));
                }

                response = await Transfer.WaitAsync(runner.Context, $"editing {original.Name}", () =>
                    images.EditImageAsync(image, text, options, cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                response = await Transfer.WaitAsync(runner.Context, "generating", () =>
                    images.GenerateImagesAsync(text, options, cancellationToken)).ConfigureAwait(false);
            }

            return await SaveAsync(runner.Context, response, file, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> SaveAsync(CliContext context, ImageGenerationResponse response, FileInfo file, CancellationToken cancellationToken)
    {
        if (response.Contents.OfType<DataContent>().FirstOrDefault() is { } picture)
        {
            OutputFile target = OutputFile.Open(file);
            await using (target.ConfigureAwait(false))
            {
                await target.Stream.WriteAsync(picture.Data, cancellationToken).ConfigureAwait(false);
                await target.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            string usage = response.Usage is { } u ? $" ({u.InputTokenCount ?? 0} input, {u.OutputTokenCount ?? 0} output tokens)" : string.Empty;
            context.Output.Write(new PlainText($"wrote {file.Name}: {picture.MediaType}, {Format.Bytes(picture.Data.Length)}{usage}\n"));
            return ExitCodes.Success;
        }

        if (response.Contents.OfType<UriContent>().FirstOrDefault() is { } link)
        {
            // Asked for the bytes, answered with a link: the file was not written, so the command did not do its job.
            throw new NexLLMException($"the answer is a link to the image, not the image: {file.Name} was not written (the image is at {link.Uri})");
        }

        throw new NexLLMException("The answer holds no image.");
    }

    private static async Task<DataContent> ReadImageAsync(FileInfo file, string option, CancellationToken cancellationToken)
    {
        string mediaType = MediaTypes.Image(file.Name) ?? throw new UsageException($"{option}: {file.Name} is not a .png, .jpg or .webp file");
        byte[] bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        return bytes.Length > 0 ? new DataContent(bytes, mediaType) { Name = file.Name } : throw new UsageException($"{option}: {file.Name} is empty");
    }

    private static Size? ParseSize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string[] parts = text.Split('x', 'X');
        if (parts.Length == 2 && int.TryParse(parts[0], out int width) && int.TryParse(parts[1], out int height) && width > 0 && height > 0)
        {
            return new Size(width, height);
        }

        throw new UsageException($"--size: '{text}' is not WIDTHxHEIGHT, e.g. 1024x1024");
    }
}
