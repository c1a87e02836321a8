namespace NexLLM.Connectors.Emulator.Tool;

/// <summary>The <c>nexllm-emulator</c> command: the standalone emulator of the NexLLM.Connectors.Emulator package.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => NexLLMEmulatorCommandLine.RunConsoleAsync(args, "nexllm-emulator");
}
