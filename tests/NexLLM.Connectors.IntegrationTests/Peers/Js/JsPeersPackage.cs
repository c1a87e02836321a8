namespace NexLLM.Connectors.IntegrationTests.Peers.Js;

/// <summary>
/// The npm package of the JavaScript peers, <c>tests/js-peers</c> (docs/js-peers.md): found from the test binary up to
/// the repository root, and installed from its lockfile with <c>npm ci</c> when its <c>node_modules</c> is missing or
/// older than <c>package-lock.json</c> — once per test run, however many tests ask.
/// </summary>
internal static class JsPeersPackage
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    public static string Folder { get; } = FindFolder();

    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (_installed || IsUpToDate())
            {
                _installed = true;
                return;
            }

            string npm = NodeTools.Npm ?? throw new InvalidOperationException("node is installed but npm is not on PATH: the JavaScript peers need npm ci.");
            ChildProcessResult result = await ChildProcess.RunAsync(
                npm,
                ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                Folder,
                new Dictionary<string, string>(),
                InstallTimeout,
                cancellationToken);
            if (result.TimedOut || result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"npm ci in {Folder} {(result.TimedOut ? $"did not finish in {InstallTimeout}" : $"failed with exit code {result.ExitCode}")}:\n{result.StandardError}\n{result.StandardOutput}");
            }

            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    // npm ci writes node_modules/.package-lock.json last, so it is newer than the lockfile it installed.
    private static bool IsUpToDate()
    {
        var installed = new FileInfo(Path.Combine(Folder, "node_modules", ".package-lock.json"));
        return installed.Exists && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json"));
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "tests", "js-peers");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No tests/js-peers/package-lock.json above {AppContext.BaseDirectory}.");
    }
}
