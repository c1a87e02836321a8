using NexLLM.Cli.Tests.TestSupport;

namespace NexLLM.Cli.Tests;

/// <summary>
/// Values the library would refuse with an <see cref="ArgumentException"/>: one <c>error:</c> line naming the option, exit
/// code 2, nothing sent (never a stack trace).
/// </summary>
public sealed class InputCheckTests : CliTest
{
    [Theory]
    [InlineData(new[] { "chat", "Hi", "-m", "" }, "error: --model must not be empty (see 'nexllm chat --help')")]
    [InlineData(new[] { "embed", "text", "-m", " " }, "error: --model must not be empty (see 'nexllm embed --help')")]
    [InlineData(new[] { "rerank", "--query", "", "doc" }, "error: --query must not be empty (see 'nexllm rerank --help')")]
    [InlineData(new[] { "speak", "", "-o", "x.wav" }, "error: the text must not be empty (see 'nexllm speak --help')")]
    [InlineData(new[] { "speak", "Hi", "--voice", "", "-o", "x.wav" }, "error: --voice must not be empty (see 'nexllm speak --help')")]
    [InlineData(new[] { "image", "" }, "error: the prompt must not be empty (see 'nexllm image --help')")]
    [InlineData(new[] { "embed", "text", "--dimensions", "0" }, "error: --dimensions must be a positive number")]
    [InlineData(new[] { "rerank", "--query", "q", "doc", "--top", "0" }, "error: --top must be a positive number")]
    [InlineData(new[] { "image", "A lighthouse", "--size", "big" }, "error: --size: 'big' is not WIDTHxHEIGHT, e.g. 1024x1024")]
    [InlineData(new[] { "image", "A lighthouse", "--size", "0x1024" }, "error: --size: '0x1024' is not WIDTHxHEIGHT, e.g. 1024x1024")]
    public async Task AnEmptyOrUnusableValue_NamesTheOption(string[] args, string error)
    {
        CliResult result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, Assert.Single(result.ErrorLines));
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AModelIdTheLibraryRefuses_IsOneLine_ExitCode2()
    {
        CliResult result = await RunAsync("chat", "Hi", "-m", "gpt\u0001mini");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task TooLongAText_ToSpeak_IsOneLine_ExitCode2()
    {
        CliResult result = await RunAsync("speak", new string('a', 4097), "-o", PathOf("long.wav"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("long.wav")));
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AnEmptyAudioFile_IsAUsageError()
    {
        string audio = PathOf("silence.wav");
        await File.WriteAllBytesAsync(audio, [], TestCancellation);

        CliResult result = await RunAsync("transcribe", audio);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: silence.wav is empty: there is nothing to transcribe", Assert.Single(result.ErrorLines));
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AnEmptyImageToEdit_IsAUsageError_NamingTheOption()
    {
        string image = PathOf("empty.png");
        await File.WriteAllBytesAsync(image, [], TestCancellation);

        CliResult result = await RunAsync("image", "Add seagulls", "--edit", image, "-o", PathOf("out.png"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --edit: empty.png is empty", Assert.Single(result.ErrorLines));
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AConversation_ModelWithAControlCharacter_IsRefused_AndTheModelStaysAsItWas()
    {
        CliResult result = await RunAsync(["chat", "-m", "gpt-4.1"], Environment, "/model gpt\u0001x\nHello\n");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("error: /model: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("gpt-4.1", Assert.Single(Emulator.Requests).ParseJson().GetProperty("model").GetString());
    }
}
