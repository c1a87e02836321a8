using Microsoft.SemanticKernel;

namespace ReadmeSnippets;

/// <summary>src/NexLLM.Connectors.SemanticKernel/PACKAGE.md. Compiled, not run: its client is the real gateway's.</summary>
internal static class PackageSemanticKernelSnippets
{
    public static async Task PromptAsync()
    {
        // <snippet:package-semantic-kernel>
        Kernel kernel = Kernel.CreateBuilder()
            .AddNexLLMClient(Environment.GetEnvironmentVariable("NEXLLM_API_KEY")!)
            .AddNexLLMChatCompletion("gpt-4o-mini")
            .Build();

        Console.WriteLine(await kernel.InvokePromptAsync("In one sentence: what does an LLM gateway do?"));
        // </snippet:package-semantic-kernel>
    }
}
