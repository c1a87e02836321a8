using System.Text;
using NexLLM.Cli.Tests.TestSupport;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Cli.Tests.Commands;

/// <summary>
/// <c>speak -o</c> and <c>image -o</c>: the file is replaced only by a complete one; a failure, a cut stream or Ctrl+C
/// leaves it as it was, with no temporary file behind; a folder that does not exist is refused before the request.
/// </summary>
public sealed class OutputFileTests : CliTest
{
    private static readonly byte[] Before = Encoding.ASCII.GetBytes("the file as it was");

    public static TheoryData<string, string> Commands => new()
    {
        { "speak", "speech.wav" },
        { "image", "picture.png" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task AGatewayFailure_LeavesTheFileAsItWas(string command, string name)
    {
        string file = await ExistingFileAsync(name);
        Emulator.Enqueue(EmulatorFault.GatewayError(503, "No available channel for this model", "model_not_available").WithTimes(10));

        CliResult result = await RunAsync(command, "A lighthouse", "-o", file);

        Assert.Equal(1, result.ExitCode);
        AssertUntouched(file);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Cancellation_LeavesTheFileAsItWas(string command, string name)
    {
        string file = await ExistingFileAsync(name);
        Emulator.Enqueue(EmulatorFault.Delay(TimeSpan.FromSeconds(30)));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestCancellation);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));

        CliResult result = await RunAsync([command, "A lighthouse", "-o", file], Environment, cancellationToken: cancellation.Token);

        Assert.Equal(130, result.ExitCode);
        AssertUntouched(file);
    }

    [Fact]
    public async Task Speak_AConnectionResetHalfway_LeavesTheFileAsItWas()
    {
        string file = await ExistingFileAsync("speech.wav");
        Emulator.Enqueue(EmulatorFault.Reset(1).WithTimes(5));

        CliResult result = await RunAsync("speak", "The quick brown fox jumps over the lazy dog, twice over, slowly and clearly.", "-o", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        AssertUntouched(file);
    }

    [Fact]
    public async Task Speak_ReplacesAnOlderFile_WhenComplete()
    {
        string file = await ExistingFileAsync("speech.wav");

        Succeeded(await RunAsync("speak", "Hello", "-o", file));

        Assert.Equal("RIFF"u8.ToArray(), (await File.ReadAllBytesAsync(file, TestCancellation))[..4]);
        Assert.Equal([file], Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task AFolderThatDoesNotExist_IsRefused_BeforeTheRequest(string command, string name)
    {
        string file = Path.Combine(PathOf("no-such-folder"), name);

        CliResult result = await RunAsync(command, "A lighthouse", "-o", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --output: the folder {PathOf("no-such-folder")} does not exist", Assert.Single(result.ErrorLines));
        Assert.Empty(Emulator.Requests);
    }

    private async Task<string> ExistingFileAsync(string name)
    {
        string file = PathOf(name);
        await File.WriteAllBytesAsync(file, Before, TestCancellation);
        return file;
    }

    private static void AssertUntouched(string file)
    {
        Assert.Equal(Before, File.ReadAllBytes(file));
        Assert.Equal([file], Directory.GetFiles(Path.GetDirectoryName(file)!));
    }
}
