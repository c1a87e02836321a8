namespace NexLLM.Connectors.IntegrationTests.Peers.Js;

/// <summary>node and npm as found on <c>PATH</c>, the way a shell would find them.</summary>
internal static class NodeTools
{
    /// <summary>The node executable, or null when Node.js is not installed.</summary>
    public static string? Node { get; } = Find("node");

    /// <summary>The npm command, or null.</summary>
    public static string? Npm { get; } = Find("npm");

    private static string? Find(string command)
    {
        // On Windows node is node.exe and npm a npm.cmd script; elsewhere both are plain files.
        string[] names = OperatingSystem.IsWindows() ? [command + ".exe", command + ".cmd"] : [command];
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }
}
