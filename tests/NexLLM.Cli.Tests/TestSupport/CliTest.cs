using NexLLM.Connectors.Emulator;
using Spectre.Console;
using Spectre.Console.Testing;

namespace NexLLM.Cli.Tests.TestSupport;

/// <summary>
/// Runs <c>nexllm</c> in-process (<see cref="CliApp.RunAsync"/>) against a fresh emulator in strict mode (what the real
/// services refuse fails the test), with the emulator's endpoint and key in the environment the command sees, a
/// recording console for standard output and a string writer for standard error.
/// </summary>
public abstract class CliTest : IAsyncLifetime
{
    private NexLLMEmulator? _emulator;
    private readonly string _folder = Directory.CreateTempSubdirectory("nexllm-cli-").FullName;

    protected NexLLMEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    protected static CancellationToken TestCancellation => TestContext.Current.CancellationToken;

    /// <summary>Gets the environment of a configured user: the emulator's key and endpoint.</summary>
    protected Dictionary<string, string> Environment => new(StringComparer.Ordinal)
    {
        ["NEXLLM_API_KEY"] = Emulator.ApiKey,
        ["NEXLLM_ENDPOINT"] = Emulator.Endpoint.ToString(),
    };

    public async ValueTask InitializeAsync() =>
        _emulator = await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { Strict = true }, TestCancellation);

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A path in the test's own temporary folder.</summary>
    protected string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>Runs the command line with the emulator's key and endpoint.</summary>
    protected Task<CliResult> RunAsync(params string[] args) => RunAsync(args, Environment);

    /// <summary>Runs the command line with this environment, input and cancellation.</summary>
    private protected static async Task<CliResult> RunAsync(
        string[] args, IReadOnlyDictionary<string, string> environment, string input = "", CancellationToken? cancellationToken = null, bool ansi = false, IInterruptSource? interrupts = null)
    {
        var console = new TestConsole { EmitAnsiSequences = ansi };
        console.Profile.Width = 100;
        using var error = new StringWriter();
        using var notes = new StringWriter();
        IAnsiConsole notesConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(notes),
        });
        using var reader = new StringReader(input);
        var context = new CliContext(console, error, () => reader, name => environment.TryGetValue(name, out string? value) ? value : null, errorOutput: notesConsole, interrupts: interrupts);
        int exitCode = await CliApp.RunAsync(args, context, processTerminationTimeout: null, cancellationToken ?? TestCancellation);
        return new CliResult(exitCode, Lf(console.Output), Lf(error.ToString()), Lf(notes.ToString()));
    }

    private static string Lf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Asserts a successful run and returns its output.</summary>
    protected static string Succeeded(CliResult result)
    {
        Assert.True(result.ExitCode == 0 && result.Error.Length == 0, result.ToString());
        return result.Output;
    }
}
