using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using NexLLM.Cli.Tests.TestSupport;

namespace NexLLM.Cli.Tests.Commands;

/// <summary><c>nexllm emulator</c>: serves until cancelled (a normal stop: exit code 0), with the switches it was given.</summary>
public sealed partial class EmulatorCommandTests
{
    [Fact]
    public async Task Serves_WithItsKeyAndStrictMode_UntilStopped()
    {
        var console = new Spectre.Console.Testing.TestConsole();
        using var error = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var context = new CliContext(console, error, () => TextReader.Null, _ => null);
        Task<int> run = CliApp.RunAsync(["emulator", "--port", "0", "--api-key", "sk-clitest0key", "--strict", "--chunk-delay", "1"], context, null, stop.Token);

        Match endpoint = Match.Empty;
        for (int i = 0; i < 200 && !(endpoint = Endpoint().Match(console.Output)).Success && !run.IsCompleted; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(endpoint.Success, console.Output + error);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-clitest0key");
        string models = await http.GetStringAsync(new Uri(endpoint.Groups[1].Value + "/models"), TestContext.Current.CancellationToken);
        using var unknown = await http.PostAsync(new Uri(endpoint.Groups[1].Value + "/chat/completions"),
            new StringContent("""{"model":"no-such-model","messages":[{"role":"user","content":"Hi"}]}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Contains("\"id\":\"gpt-4o-mini\"", models, StringComparison.Ordinal);
        Assert.Equal(503, (int)unknown.StatusCode);
        Assert.Contains("API key: sk-clitest0key", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownSwitch_IsTheEmulatorsUsageError()
    {
        var console = new Spectre.Console.Testing.TestConsole();
        using var error = new StringWriter();
        var context = new CliContext(console, error, () => TextReader.Null, _ => null);

        int exitCode = await CliApp.RunAsync(["emulator", "--no-such-switch"], context, null, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Equal("error: Unknown argument '--no-such-switch' (see 'nexllm emulator --help')\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--endpoint", "http://127.0.0.1:5080/v1")]
    [InlineData("--emulator", null)]
    public async Task TheGatewayOptions_AreRefused_NotIgnored(string option, string? value)
    {
        CliResult result = await CliTestRunner.RunAsync(value is null ? ["emulator", option] : ["emulator", option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {option} does not apply to nexllm emulator (it serves; it does not connect) (see 'nexllm emulator --help')", result.Error.Trim());
    }

    [Fact]
    public async Task APortInUse_IsOneErrorLine_ExitCode2()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        CliResult result = await CliTestRunner.RunAsync(["emulator", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: The emulator could not start: ", line, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"listening: endpoint (http://127\.0\.0\.1:\d+/v1)")]
    private static partial Regex Endpoint();
}
