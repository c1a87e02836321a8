using System.CommandLine;
using System.Globalization;
using NexLLM.Cli.Output;
using NexLLM.Connectors;
using Spectre.Console;

namespace NexLLM.Cli.Commands;

/// <summary>
/// <c>nexllm key check</c>: asks for the model list with the key, says whether the key works and what it reaches (models
/// by endpoint type). The key itself is never printed, not even in part.
/// </summary>
internal static class KeyCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">The shared options and error handling.</param>
    /// <returns>The command (<c>key</c>, with <c>check</c>).</returns>
    public static Command Create(CommandRunner runner)
    {
        var check = new Command("check", "Check that the key works (it asks for the model list) and show what it reaches; the key is never printed");
        runner.SetGatewayAction(check, async (parseResult, connection, cancellationToken) =>
        {
            IAnsiConsole console = runner.Context.Output;
            string endpoint = connection.Client.Endpoint.ToString().TrimEnd('/');
            IReadOnlyList<NexLLMModel> models;
            try
            {
                models = await connection.Client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NexLLMException ex) when (ex.StatusCode is 401 or 403)
            {
                console.Write(new PlainText($"The key does not work: {endpoint} refused it (HTTP {ex.StatusCode}).\n"));
                throw;
            }

            console.Write(new PlainText(string.Create(CultureInfo.InvariantCulture, $"The key works: {endpoint} lists {models.Count} models for it.\n")));
            var table = new Table().AddColumn("Endpoint type").AddColumn(new TableColumn("Models").RightAligned()).AddColumn("For example");
            foreach (IGrouping<string, NexLLMModel> group in models
                .SelectMany(m => m.SupportedEndpointTypes.DefaultIfEmpty("(none listed)").Select(type => (Type: type, Model: m)))
                .GroupBy(x => x.Type, x => x.Model, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                table.AddRow(
                    new Text(group.Key),
                    new Text(group.Count().ToString(CultureInfo.InvariantCulture)),
                    new Text(string.Join(", ", group.Select(m => m.Id).Order(StringComparer.Ordinal).Take(3)) + (group.Count() > 3 ? ", …" : string.Empty)));
            }

            if (models.Count > 0)
            {
                console.Write(table);
            }

            return ExitCodes.Success;
        });
        return new Command("key", "About the API key") { check };
    }
}
