using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>A function the caller offers.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Parameters">Its JSON schema (a detached element), or <see langword="null"/> when it takes none.</param>
internal sealed record ChatToolDefinition(string Name, string? Description, JsonElement? Parameters);
