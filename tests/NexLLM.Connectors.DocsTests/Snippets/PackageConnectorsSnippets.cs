using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>src/NexLLM.Connectors/PACKAGE.md (the package's README on nuget.org). Compiled, not run: its client is the real gateway's.</summary>
internal static class PackageConnectorsSnippets
{
    public static async Task StreamAsync()
    {
        // <snippet:package-connectors>
        using var nexllm = new NexLLMClient(Environment.GetEnvironmentVariable("NEXLLM_API_KEY")!);
        IChatClient chat = nexllm.GetChatClient("gpt-4o-mini");

        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("Tell me a joke about gateways."))
        {
            Console.Write(update.Text);
        }
        // </snippet:package-connectors>
    }
}
