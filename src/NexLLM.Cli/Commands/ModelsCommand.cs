using System.CommandLine;
using System.Globalization;
using NexLLM.Cli.Output;
using NexLLM.Connectors;
using Spectre.Console;

namespace NexLLM.Cli.Commands;

/// <summary><c>nexllm models [--filter text]</c>: the model list as a table, with owner and supported endpoint types.</summary>
internal static class ModelsCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">The shared options and error handling.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var filter = new Option<string>("--filter", "-f") { Description = "Only models whose id, owner or endpoint types contain this text" };
        var command = new Command("models", "List the models the key can use, with owner and endpoint types") { filter };
        runner.SetGatewayAction(command, async (parseResult, connection, cancellationToken) =>
        {
            IReadOnlyList<NexLLMModel> models = await connection.Client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
            string? text = parseResult.GetValue(filter);
            List<NexLLMModel> shown = [.. models.Where(m => text is null || Matches(m, text)).OrderBy(m => m.Id, StringComparer.Ordinal)];

            var table = new Table().AddColumn("Model").AddColumn("Owner").AddColumn("Endpoint types");
            foreach (NexLLMModel model in shown)
            {
                table.AddRow(new Text(PlainText.Sanitize(model.Id)), new Text(PlainText.Sanitize(model.OwnedBy ?? string.Empty)), new Text(PlainText.Sanitize(string.Join(", ", model.SupportedEndpointTypes))));
            }

            if (shown.Count > 0)
            {
                runner.Context.Output.Write(table);
            }

            string of = text is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" of {models.Count}");
            runner.Context.Output.Write(new PlainText(string.Create(CultureInfo.InvariantCulture, $"{shown.Count} models{of}\n")));
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool Matches(NexLLMModel model, string text) =>
        model.Id.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (model.OwnedBy?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || model.SupportedEndpointTypes.Any(t => t.Contains(text, StringComparison.OrdinalIgnoreCase));
}
