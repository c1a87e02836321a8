using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.Emulator.Faults;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.IntegrationTests.EmulatorTool;

/// <summary>
/// The standalone emulator's command line (<c>nexllm-emulator</c>, docs/emulator-tool.md): the help is run through the
/// parser, so every switch it lists works and every option of <see cref="NexLLMEmulatorOptions"/> has one; it lists
/// every fault of the header and strict mode; and the command starts a real emulator.
/// </summary>
public sealed partial class CommandLineTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EverySwitchOfTheHelp_IsAccepted_AndEveryOptionHasOne()
    {
        string help = await HelpAsync();
        var changed = new HashSet<string>(StringComparer.Ordinal);

        var switches = SwitchLine().Matches(help).Select(m => (Name: m.Groups["name"].Value, Value: m.Groups["value"].Value)).ToList();
        foreach (var (name, value) in switches)
        {
            string[] args = value.Length == 0 ? [name] : [name, Sample(value)];
            StandaloneArguments parsed = StandaloneArguments.Parse(args);
            var changes = ChangedOptions(parsed.Options).ToList();
            changes.AddRange(parsed.Log ? ["LoggerFactory"] : []);
            Assert.True(changes.Count > 0 || name is "--urls" or "--help", $"{name} changes no option.");
            changed.UnionWith(changes);
        }

        Assert.Equal(StandaloneSwitches.All.Select(s => s.Name).Order(), switches.Select(s => s.Name).Order());
        Assert.Equal(OptionNames().Order(), changed.Order());
    }

    [Fact]
    public async Task TheHelp_ListsEveryFaultWithItsParameters_StrictMode_AndTheBaseUrls()
    {
        string help = await HelpAsync();

        Assert.StartsWith("Usage: nexllm-emulator [options]", help, StringComparison.Ordinal);
        Assert.Contains("X-NexLLM-Emulator-Fault: <fault>=<value>[; <param>=<value>]...", help, StringComparison.Ordinal);
        foreach (var (fault, parameters) in FaultHeaderParser.Faults)
        {
            Assert.Matches($@"(?m)^  {Regex.Escape(fault)}=\S+ +\S", help);
            Assert.All(parameters, parameter => Assert.Contains(parameter + "=", help, StringComparison.Ordinal));
        }

        Assert.All(FaultHeaderParser.SharedParameters, parameter => Assert.Contains(parameter + "=", help, StringComparison.Ordinal));
        Assert.Contains("Strict mode (--strict):", help, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/v1", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--no-such-switch", "Unknown argument '--no-such-switch'.")]
    [InlineData("--port=1 --urls=http://127.0.0.1:1", "--port and --urls cannot be used together.")]
    [InlineData("--rerank-top-n sometimes", "--rerank-top-n takes honoured, cohere-defaults or ignored (got 'sometimes').")]
    [InlineData("--strict=yes", "--strict takes no value.")]
    [InlineData("--model gpt-4o-mini", "--model: 'gpt-4o-mini' is already in the model list.")]
    public async Task ABadCommandLine_Exits2_WithTheReason(string commandLine, string reason)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await NexLLMEmulatorCommandLine.RunAsync(commandLine.Split(' '), "nexllm-emulator", output, error, Cancellation);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(reason, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("nexllm-emulator --help", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task TheCommand_ServesUntilStopped_WithItsSwitchesApplied()
    {
        using var output = new ConcurrentWriter();
        using var error = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        Task<int> run = NexLLMEmulatorCommandLine.RunAsync(
            ["--port", "0", "--strict", "--model", "cli-model=openai", "--api-key", "sk-clitest0key"], "nexllm-emulator", output, error, stop.Token);

        Uri endpoint = await EndpointAsync(output.ToString, () => run.IsCompleted);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", "sk-clitest0key");
        string models = await http.GetStringAsync(new Uri(endpoint + "/models"), Cancellation);
        using HttpResponseMessage unknown = await http.PostAsync(
            new Uri(endpoint + "/chat/completions"), new StringContent("""{"model":"not-listed","messages":[{"role":"user","content":"Hi"}]}"""), Cancellation);
        await stop.CancelAsync();

        Assert.Contains("\"id\":\"cli-model\"", models, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
        Assert.Equal(0, await run);
        Assert.Contains("API key: sk-clitest0key", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("", error.ToString());
    }

    /// <summary>Waits (up to 10 s) for the line the command prints once it listens, and returns the endpoint on it.</summary>
    internal static async Task<Uri> EndpointAsync(Func<string> output, Func<bool> ended)
    {
        for (int i = 0; i < 400 && !ended(); i++)
        {
            if (ListeningLine().Match(output()) is { Success: true } match)
            {
                return new Uri(match.Groups["endpoint"].Value);
            }

            await Task.Delay(25, Cancellation);
        }

        throw new InvalidOperationException($"The emulator did not start: {output()}");
    }

    private static async Task<string> HelpAsync()
    {
        using var output = new StringWriter();
        int exitCode = await NexLLMEmulatorCommandLine.RunAsync(["--help"], "nexllm-emulator", output, TextWriter.Null, Cancellation);
        Assert.Equal(0, exitCode);
        return output.ToString();
    }

    // A value for a switch, from the placeholder the help shows; every placeholder of the help must be known here.
    private static string Sample(string placeholder) => placeholder switch
    {
        "<urls>" => "http://127.0.0.1:0",
        "<port>" => "5099",
        "<key>" => "sk-clitest0key",
        "<id>[=<types>]" => "cli-embedder=embeddings",
        "<ms>" => "250",
        "<n>" => "3",
        _ when placeholder.Contains('|', StringComparison.Ordinal) => placeholder.Split('|')[^1],
        _ => throw new InvalidOperationException($"The help shows a placeholder this test cannot fill: {placeholder}"),
    };

    // The options a parse changed from the defaults (the model list by its ids).
    private static IEnumerable<string> ChangedOptions(NexLLMEmulatorOptions options)
    {
        var defaults = new NexLLMEmulatorOptions();
        foreach (PropertyInfo property in typeof(NexLLMEmulatorOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            object? value = property.GetValue(options);
            object? original = property.GetValue(defaults);
            bool same = value is IEnumerable<EmulatorModel> models
                ? models.Select(m => m.Id).SequenceEqual(((IEnumerable<EmulatorModel>)original!).Select(m => m.Id))
                : Equals(value, original);
            if (!same)
            {
                yield return property.Name;
            }
        }
    }

    private static IEnumerable<string> OptionNames() =>
        typeof(NexLLMEmulatorOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);

    [GeneratedRegex(@"(?m)^  (?<name>--[a-z0-9-]+)(?: (?<value>\S+))?")]
    private static partial Regex SwitchLine();

    [GeneratedRegex(@"listening: endpoint (?<endpoint>http://\S+/v1)")]
    private static partial Regex ListeningLine();

    /// <summary>A string writer that one thread writes while another reads.</summary>
    private sealed class ConcurrentWriter : StringWriter
    {
        private readonly Lock _lock = new();

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_lock)
            {
                base.Write(buffer, index, count);
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return base.ToString();
            }
        }
    }
}
