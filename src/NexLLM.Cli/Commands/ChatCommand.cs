using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Cli.Gateway;

namespace NexLLM.Cli.Commands;

/// <summary>
/// <c>nexllm chat ["prompt"]</c>: one streamed answer, or, without a prompt, a conversation (<see cref="ChatConversation"/>).
/// </summary>
internal static class ChatCommand
{
    /// <summary>The default model.</summary>
    public const string DefaultModel = "gpt-4o-mini";

    /// <summary>The command's name.</summary>
    public const string Name = "chat";

    /// <summary>Whether the command line is <c>nexllm chat</c> without a prompt: a conversation.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns><see langword="true"/> for a conversation.</returns>
    public static bool IsConversation(ParseResult parseResult) =>
        parseResult.CommandResult.Command.Name == Name && parseResult.CommandResult.Children.OfType<ArgumentResult>().All(argument => argument.Tokens.Count == 0);

    /// <summary>Creates the command.</summary>
    /// <param name="runner">The shared options and error handling.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var prompt = new Argument<string>("prompt")
        {
            Description = "The question; without it, a conversation starts (/reset, /model, /protocol, /exit)",
            Arity = ArgumentArity.ZeroOrOne,
        }.NotBlank(" (leave it out to start a conversation)");
        var model = new Option<string>("--model", "-m") { Description = "The model", DefaultValueFactory = _ => DefaultModel }.NotBlank();
        var protocol = new Option<string>("--protocol", "-p")
        {
            Description = "The wire protocol: chat (chat completions), responses, claude, gemini, or auto (the model's own)",
            HelpName = "name",
            DefaultValueFactory = _ => "chat",
        };
        // Any case, as /protocol takes it (AcceptOnlyFromAmong would be case-sensitive).
        protocol.CompletionSources.Add([.. ChatSettings.Protocols.Keys]);
        protocol.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } name && !ChatSettings.Protocols.ContainsKey(name))
            {
                result.AddError($"Argument '{name}' not recognized. Must be one of: {string.Join(' ', ChatSettings.Protocols.Keys.Select(key => $"'{key}'"))}");
            }
        });
        var system = new Option<string>("--system", "-s") { Description = "A system prompt" };
        var noStream = new Option<bool>("--no-stream") { Description = "Wait for the whole answer instead of streaming it" };
        var reasoning = new Option<string>("--reasoning") { Description = "Ask for reasoning at this effort: low, medium or high (shown dimmed)", HelpName = "effort" }
            .AcceptOnlyFromAmong("low", "medium", "high");
        var jsonSchema = new Option<FileInfo>("--json-schema")
        {
            Description = "Ask for JSON that follows the schema in this file",
            HelpName = "file",
        }.AcceptExistingOnly();

        var command = new Command(Name, "Chat with a model: the answer streams as it is written") { prompt, model, protocol, system, noStream, reasoning, jsonSchema };
        runner.SetGatewayAction(command, async (parseResult, connection, cancellationToken) =>
        {
            var settings = new ChatSettings
            {
                Model = parseResult.GetRequiredValue(model),
                Protocol = parseResult.GetRequiredValue(protocol).ToLowerInvariant(),
                SystemPrompt = parseResult.GetValue(system),
                Stream = !parseResult.GetValue(noStream),
                Reasoning = parseResult.GetValue(reasoning) switch
                {
                    "low" => ReasoningEffort.Low,
                    "medium" => ReasoningEffort.Medium,
                    "high" => ReasoningEffort.High,
                    _ => null,
                },
                ResponseFormat = parseResult.GetValue(jsonSchema) is { } file ? await ReadSchemaAsync(file, cancellationToken).ConfigureAwait(false) : null,
            };
            // Only a missing prompt starts a conversation: an empty one (an unset "$PROMPT") was refused while parsing.
            if (parseResult.GetValue(prompt) is { } question)
            {
                return await AskAsync(runner.Context, connection, settings, question, cancellationToken).ConfigureAwait(false);
            }

            return await new ChatConversation(runner, connection, settings).RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> AskAsync(CliContext context, GatewayConnection connection, ChatSettings settings, string question, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = settings.NewConversation();
        messages.Add(new ChatMessage(ChatRole.User, question));
        await ChatTurn.RunAsync(context, settings.CreateClient(connection.Client), messages, settings, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads a JSON schema file as the answer's format, named after the file.</summary>
    private static async Task<ChatResponseFormat> ReadSchemaAsync(FileInfo file, CancellationToken cancellationToken)
    {
        byte[] bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        JsonElement schema;
        try
        {
            // Editors on Windows save UTF-8 with a byte order mark, which JsonDocument refuses in bytes.
            using JsonDocument document = JsonDocument.Parse(bytes.AsMemory(bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0));
            schema = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new UsageException($"--json-schema: {file.FullName} is not JSON: {ex.Message}", ex);
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new UsageException($"--json-schema: {file.FullName} holds no JSON object");
        }

        // The providers accept schema names of letters, digits, '_' and '-' only.
        string name = new([.. Path.GetFileNameWithoutExtension(file.Name).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]);
        return ChatResponseFormat.ForJsonSchema(schema, name.Length > 0 ? name : "answer");
    }
}
