using NexLLM.Cli.Tests.TestSupport;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Cli.Tests.Commands;

/// <summary><c>nexllm image</c>, <c>nexllm speak</c> and <c>nexllm transcribe</c>: files written and read.</summary>
public sealed class MediaCommandTests : CliTest
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Image_WritesThePicture()
    {
        string file = PathOf("lighthouse.png");

        string output = Succeeded(await RunAsync("image", "A lighthouse at dawn", "-o", file));

        Assert.Matches(@"^wrote lighthouse\.png: image/png, [\d,]+ bytes", output);
        Assert.Equal(PngSignature, (await File.ReadAllBytesAsync(file, TestCancellation))[..8]);
        Assert.Equal("/v1/images/generations", Assert.Single(Emulator.Requests).Path);
    }

    [Fact]
    public async Task Image_Edit_UploadsThePictureAndTheMask()
    {
        string original = PathOf("original.png");
        Succeeded(await RunAsync("image", "A lighthouse", "-o", original));
        string edited = PathOf("edited.png");

        string output = Succeeded(await RunAsync("image", "Add seagulls", "--edit", original, "--mask", original, "-o", edited));

        Assert.StartsWith("wrote edited.png: image/png", output, StringComparison.Ordinal);
        EmulatorRequest request = Emulator.Requests[^1];
        Assert.Equal("/v1/images/edits", request.Path);
        Assert.Contains(request.ParseMultipart(), part => part.Name == "mask");
    }

    [Theory]
    [InlineData("--mask", "MISSING", "error: --mask needs --edit (the image the mask applies to) (see 'nexllm image --help')")]
    [InlineData("--edit", "MISSING", "error: File does not exist: 'MISSING' (see 'nexllm image --help')")]
    [InlineData("--edit", "photo.gif", "error: --edit: photo.gif is not a .png, .jpg or .webp file")]
    [InlineData("-o", "picture.gif", "error: --output: picture.gif is not a .png, .jpg or .webp file")]
    public async Task Image_BadFiles_AreUsageErrors(string option, string value, string error)
    {
        if (option == "--mask" || value == "photo.gif")
        {
            value = PathOf(option == "--mask" ? "mask.png" : value);
            await File.WriteAllBytesAsync(value, PngSignature, TestCancellation);
        }

        CliResult result = option == "-o"
            ? await RunAsync("image", "A lighthouse", option, PathOf(value))
            : await RunAsync("image", "A lighthouse", option, value, "-o", PathOf("out.png"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, Assert.Single(result.ErrorLines));
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Speak_ThenTranscribe_GivesTheSentenceBack_AsTextAndAsSubtitles()
    {
        const string Sentence = "The quick brown fox jumps over the lazy dog.";
        string audio = PathOf("fox.wav");

        string spoken = Succeeded(await RunAsync("speak", Sentence, "-o", audio));
        string text = Succeeded(await RunAsync("transcribe", audio));
        string subtitles = Succeeded(await RunAsync("transcribe", audio, "--format", "srt"));

        Assert.Matches(@"^wrote fox\.wav: audio/wav, [\d,]+ bytes\n$", spoken);
        Assert.Equal("RIFF"u8.ToArray(), (await File.ReadAllBytesAsync(audio, TestCancellation))[..4]);
        Assert.Equal(Sentence + "\n", text);
        Assert.Matches(@"^1\n00:00:\d\d,\d{3} --> 00:00:\d\d,\d{3}\n", subtitles);
        Assert.Contains(Sentence, subtitles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speak_ToAFileWithNoAudioExtension_IsAUsageError()
    {
        CliResult result = await RunAsync("speak", "Hello", "-o", PathOf("speech.txt"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --output: speech.txt has no audio extension (.wav, .mp3, .opus, .aac, .flac or .pcm)", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Image_AsksForTheBytes_NotALink()
    {
        Succeeded(await RunAsync("image", "A lighthouse", "-m", "dall-e-3", "-o", PathOf("lighthouse.png")));

        Assert.Equal("b64_json", Assert.Single(Emulator.Requests).ParseJson().GetProperty("response_format").GetString());
    }

    [Fact]
    public async Task Image_ALinkInsteadOfTheBytes_IsAFailure_AndNoFileIsWritten()
    {
        string file = PathOf("lighthouse.png");
        Emulator.Enqueue(EmulatorFault.Raw(200, "application/json", """{"created":1767225600,"data":[{"url":"https://images.example.com/lighthouse.png"}]}"""u8.ToArray()));

        CliResult result = await RunAsync("image", "A lighthouse", "-m", "dall-e-3", "-o", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("https://images.example.com/lighthouse.png", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Image_WithoutO_DoesNotReplaceAnImagePngThatExists()
    {
        string file = Path.Combine(System.Environment.CurrentDirectory, "image.png");
        Assert.SkipWhen(File.Exists(file), "an image.png of someone else's is in the current folder");
        await File.WriteAllBytesAsync(file, PngSignature, TestCancellation);
        try
        {
            CliResult result = await RunAsync("image", "A lighthouse");

            Assert.Equal(2, result.ExitCode);
            Assert.Equal("error: image.png exists: pass -o image.png to replace it, or -o <file> for another name", Assert.Single(result.ErrorLines));
            Assert.Equal(PngSignature, await File.ReadAllBytesAsync(file, TestCancellation));
            Assert.Empty(Emulator.Requests);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
