using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>docs/guides/structured-output.md, on the client of the README's "Use it" (in the tests, the emulator's).</summary>
internal static class StructuredOutputSnippets
{
    /// <summary>A typed answer on chat completions, then a schema of one's own on Claude.</summary>
    public static async Task StructuredOutputAsync(NexLLMClient nexllm)
    {
        // <snippet:structured-typed>
        IChatClient chat = nexllm.GetChatClient("gpt-4o-mini");
        ChatResponse<CityGuide> guide = await chat.GetResponseAsync<CityGuide>(
            "A short guide to Lisbon, Portugal.", new ChatOptions().WithStrictJsonSchema());

        CityGuide lisbon = guide.Result;   // deserialised from the JSON answer (guide.Text)
        Console.WriteLine($"{lisbon.City}, {lisbon.Country}: {lisbon.Sights.Length} sight(s), best in month {lisbon.BestMonth}");
        // </snippet:structured-typed>

        // <snippet:structured-schema>
        JsonElement schema = JsonDocument.Parse("""
            {"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer"}},
             "required":["city","population"],"additionalProperties":false}
            """).RootElement;
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "city_facts") };

        IChatClient claude = nexllm.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages);
        ChatResponse facts = await claude.GetResponseAsync("The largest city of Portugal and its population.", options);
        using JsonDocument answer = JsonDocument.Parse(facts.Text);
        Console.WriteLine($"city: {answer.RootElement.GetProperty("city")}, population: {answer.RootElement.GetProperty("population")}");
        // </snippet:structured-schema>
    }
}

// <snippet:structured-type>
public sealed record CityGuide(string City, string Country, string[] Sights, int BestMonth);
// </snippet:structured-type>
