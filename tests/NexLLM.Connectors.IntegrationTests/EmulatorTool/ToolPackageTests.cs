using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace NexLLM.Connectors.IntegrationTests.EmulatorTool;

/// <summary>
/// The <c>NexLLM.Connectors.Emulator.Tool</c> package end to end, as a user gets it (docs/emulator-tool.md): packed into a
/// folder feed, installed with <c>dotnet tool install --tool-path</c>, then <c>nexllm-emulator --help</c> and a real run
/// answering <c>GET /v1/models</c>. Packing builds the emulator again (about a minute), so the test runs only when
/// <c>NEXLLM_TOOL_TESTS=1</c>; <see cref="CommandLineTests"/> covers the same command line in-process in every run.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("nexllm-tool-").FullName;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePackage_Installs_ShowsItsHelp_AndServes()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("NEXLLM_TOOL_TESTS") == "1", "Set NEXLLM_TOOL_TESTS=1 to pack and install the tool.");
        string feed = Path.Combine(_work, "feed");
        string tools = Path.Combine(_work, "tools");
        string project = Path.Combine(RepositoryRoot(), "src", "NexLLM.Connectors.Emulator.Tool", "NexLLM.Connectors.Emulator.Tool.csproj");

        await RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", feed]);
        Assert.Single(Directory.GetFiles(feed, "NexLLM.Connectors.Emulator.Tool.*.nupkg"));
        await RunAsync("dotnet", ["tool", "install", "NexLLM.Connectors.Emulator.Tool", "--tool-path", tools, "--add-source", feed, "--ignore-failed-sources"]);
        string command = Path.Combine(tools, OperatingSystem.IsWindows() ? "nexllm-emulator.exe" : "nexllm-emulator");
        string help = await RunAsync(command, ["--help"]);

        Assert.StartsWith("Usage: nexllm-emulator [options]", help, StringComparison.Ordinal);
        Assert.Contains("--strict", help, StringComparison.Ordinal);
        Assert.Contains("X-NexLLM-Emulator-Fault", help, StringComparison.Ordinal);

        int port = FreePort();
        using Process server = Start(command, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], out StringBuilder output);
        try
        {
            Uri endpoint = await CommandLineTests.EndpointAsync(() => { lock (output) { return output.ToString(); } }, () => server.HasExited);
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", "sk-nexllmemulator0local");
            string models = await http.GetStringAsync(new Uri(endpoint + "/models"), Cancellation);

            Assert.Equal(new Uri($"http://127.0.0.1:{port}/v1"), endpoint);
            Assert.Contains("\"id\":\"gpt-4o-mini\"", models, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(Cancellation);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the stopping server: the temporary folder is left for the system to clean.
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NexLLM.Connectors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (NexLLM.Connectors.sln) is not above the test binaries.");
    }

    private static async Task<string> RunAsync(string fileName, string[] args)
    {
        using Process process = Start(fileName, args, out StringBuilder output);
        await process.WaitForExitAsync(Cancellation);
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', args)} exited with {process.ExitCode}:\n{text}");
        return text;
    }

    private static Process Start(string fileName, string[] args, out StringBuilder output)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = info };
        StringBuilder collected = new();
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (collected)
                {
                    collected.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = collected;
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
