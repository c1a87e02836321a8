using System.Text.Json;
using NexLLM.Connectors.Emulator.ChatCompletions;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Completions;

/// <summary>
/// Maps a <c>POST /v1/completions</c> body that passed new-api's checks (<see cref="CompletionsRequestValidator"/>) to a
/// <see cref="CompletionsCall"/>, and each prompt to the neutral request the shared engine answers. Lenient: never fails.
/// </summary>
internal static class CompletionsRequestReader
{
    // OpenAI's limits: at most 128 choices per prompt, logprobs from 0 to 5 (docs/protocols/completions.md#request).
    private const int MaxChoices = 128;
    private const int MaxLogprobs = 5;

    public static CompletionsCall Read(JsonElement root, EmulatorSettings settings)
    {
        var prompt = JsonRead.Field(root, "prompt");
        string[] prompts = prompt.ValueKind == JsonValueKind.Array
            ? [.. prompt.EnumerateArray().Select(p => p.GetString()!)]
            : [prompt.GetString()!];
        long? maxTokens = JsonRead.Integer(root, "max_completion_tokens") ?? JsonRead.Integer(root, "max_tokens");

        // Through new-api's struct, echo is lost and logprobs is a boolean, which asks for nothing here.
        bool strict = settings.CompletionsThroughNewApiStruct;
        long? logprobs = strict ? null : JsonRead.Integer(root, "logprobs");
        return new CompletionsCall(
            JsonRead.Text(root, "model") ?? "",
            prompts,
            JsonRead.Bool(root, "stream") ?? false,
            IncludeUsage: JsonRead.Bool(JsonRead.Object(root, "stream_options"), "include_usage") != false,
            Choices: (int)Math.Clamp(JsonRead.Integer(root, "n") ?? 1, 1, MaxChoices),
            Echo: !strict && JsonRead.Bool(root, "echo") == true,
            Logprobs: logprobs is { } count ? (int)Math.Clamp(count, 0, MaxLogprobs) : null,
            MaxTokens: maxTokens is { } limit ? (int)Math.Min(limit, int.MaxValue) : null,
            ChatCompletionsRequestReader.ReadStop(root));
    }

    /// <summary>The neutral request for one prompt: one user turn, the output limit and the stop sequences.</summary>
    public static ChatEngineRequest EngineRequest(CompletionsCall call, string prompt) => new()
    {
        Model = call.Model,
        Turns = [new ChatTurn(ChatRole.User, prompt)],
        MaxOutputTokens = call.MaxTokens,
        StopSequences = call.Stop,
    };
}
