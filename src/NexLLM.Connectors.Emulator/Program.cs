namespace NexLLM.Connectors.Emulator;

/// <summary>The standalone emulator of <c>dotnet run --project src/NexLLM.Connectors.Emulator</c> (the <c>nexllm-emulator</c> tool runs the same).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        NexLLMEmulatorCommandLine.RunConsoleAsync(args, "dotnet run --project src/NexLLM.Connectors.Emulator --");
}
