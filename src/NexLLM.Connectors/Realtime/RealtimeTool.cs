using System.Text.Json;

namespace NexLLM.Connectors.Realtime;

/// <summary>A function tool of a session or a response: <c>{type:"function", name, description, parameters}</c>.</summary>
internal sealed class RealtimeTool
{
    public string Type { get; init; } = "function";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public JsonElement? Parameters { get; init; }
}
