using System.CommandLine;

namespace NexLLM.Cli.Gateway;

/// <summary>
/// The options every command shares, to reach the gateway: <c>--api-key-file</c>, <c>--endpoint</c> and <c>--emulator</c>.
/// The key itself is never an option (a command line is visible to other users and lands in shell history): it comes
/// from <c>NEXLLM_API_KEY</c> or from a file.
/// </summary>
internal sealed class GatewayOptions
{
    /// <summary>The variable that holds the API key.</summary>
    public const string ApiKeyVariable = "NEXLLM_API_KEY";

    /// <summary>The variable that holds the endpoint.</summary>
    public const string EndpointVariable = "NEXLLM_ENDPOINT";

    /// <summary>Gets the file that holds the key.</summary>
    public Option<FileInfo> ApiKeyFile { get; } = new Option<FileInfo>("--api-key-file")
    {
        Description = $"Read the API key from this file instead of {ApiKeyVariable}",
        HelpName = "file",
        Recursive = true,
    }.AcceptExistingOnly();

    /// <summary>Gets the endpoint.</summary>
    public Option<string> Endpoint { get; } = new("--endpoint")
    {
        Description = $"The gateway's base URL (default: {EndpointVariable}, else https://www.nexllm.ai/v1)",
        HelpName = "url",
        Recursive = true,
    };

    /// <summary>Gets the switch that runs the command against a local emulator.</summary>
    public Option<bool> Emulator { get; } = new("--emulator")
    {
        Description = LocalEmulator.IsAvailable
            ? "Run against a local emulator of the gateway started in-process (no key, no network)"
            : "Not in this build: run nexllm-emulator and set NEXLLM_ENDPOINT",
        Recursive = true,
    };

    /// <summary>Adds the options to the root command (they apply to every subcommand).</summary>
    /// <param name="root">The root command.</param>
    public void AddTo(RootCommand root)
    {
        root.Add(ApiKeyFile);
        root.Add(Endpoint);
        root.Add(Emulator);
    }

    /// <summary>Connects as the command line and the environment say: the emulator, else the key and endpoint.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="context">The environment and the secrets to hide.</param>
    /// <param name="cancellationToken">Cancels the emulator's start.</param>
    /// <returns>The connection; dispose it at the end of the command.</returns>
    /// <exception cref="UsageException">No key, an unreadable key file or an invalid endpoint.</exception>
    public async Task<GatewayConnection> ConnectAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(Emulator))
        {
            return await LocalEmulator.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }

        FileInfo? keyFile = parseResult.GetValue(ApiKeyFile);
        string? apiKey = keyFile is null ? context.Environment(ApiKeyVariable) : await ReadKeyFileAsync(keyFile, cancellationToken).ConfigureAwait(false);
        apiKey = apiKey?.Trim();
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new UsageException(keyFile is null ? MissingKey : $"the key file {keyFile.FullName} is empty");
        }

        context.AddSecret(apiKey);
        string? endpoint = parseResult.GetValue(Endpoint);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            endpoint = context.Environment(EndpointVariable);
        }

        return GatewayConnection.Open(apiKey, string.IsNullOrWhiteSpace(endpoint) ? null : endpoint.Trim());
    }

    /// <summary>The line printed when there is no key: it names the variable and the emulator switch.</summary>
    internal static string MissingKey => LocalEmulator.IsAvailable
        ? $"no API key: set {ApiKeyVariable} (or pass --api-key-file <file>), or add --emulator to run against a local emulator"
        : $"no API key: set {ApiKeyVariable} (or pass --api-key-file <file>); --emulator is {LocalEmulator.NotInThisBuild}";

    private static async Task<string> ReadKeyFileAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"the key file {file.FullName} cannot be read: {ex.Message}", ex);
        }
    }
}
