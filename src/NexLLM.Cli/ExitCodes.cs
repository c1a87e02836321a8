namespace NexLLM.Cli;

/// <summary>The exit codes of <c>nexllm</c> (docs/cli.md#exit-codes).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The gateway or the network failed: a <c>NexLLMException</c>.</summary>
    public const int GatewayFailed = 1;

    /// <summary>A usage or configuration error: a bad command line, a missing key, a file that cannot be read or written.</summary>
    public const int UsageError = 2;

    /// <summary>Cancelled by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
