using System.CommandLine;
using System.Globalization;
using NexLLM.Cli.Output;
using NexLLM.Connectors;
using Spectre.Console;

namespace NexLLM.Cli.Commands;

/// <summary><c>nexllm rerank --query q doc...</c>: the documents ranked by relevance to the query, as a table.</summary>
internal static class RerankCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">The shared options and error handling.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var documents = new Argument<string[]>("document") { Description = "The documents to rank", Arity = ArgumentArity.OneOrMore };
        var query = new Option<string>("--query", "-q") { Description = "The query the documents are ranked against", Required = true }.NotBlank();
        var model = new Option<string>("--model", "-m") { Description = "The model", DefaultValueFactory = _ => "jina-reranker-v2-base-multilingual" }.NotBlank();
        var top = new Option<int?>("--top", "-n") { Description = "Return only the best n documents" };
        var command = new Command("rerank", "Rank documents by relevance to a query") { documents, query, model, top };
        runner.SetGatewayAction(command, async (parseResult, connection, cancellationToken) =>
        {
            string[] texts = parseResult.GetRequiredValue(documents);
            int? topN = parseResult.GetValue(top);
            if (topN is <= 0)
            {
                throw new UsageException("--top must be a positive number");
            }

            using IRerankClient reranker = connection.Client.GetRerankClient(parseResult.GetRequiredValue(model));
            RerankResponse response = await reranker.RerankAsync(parseResult.GetRequiredValue(query), texts, new RerankOptions { TopN = topN ?? texts.Length }, cancellationToken).ConfigureAwait(false);

            var table = new Table().AddColumn(new TableColumn("Rank").RightAligned()).AddColumn(new TableColumn("Score").RightAligned()).AddColumn(new TableColumn("#").RightAligned()).AddColumn("Document");
            int rank = 0;
            foreach (RerankResult result in response.Results)
            {
                rank++;
                string document = result.Index >= 0 && result.Index < texts.Length ? texts[result.Index] : string.Empty;
                table.AddRow(
                    new Text(rank.ToString(CultureInfo.InvariantCulture)),
                    new Text(Format.Number(result.RelevanceScore, "0.0000")),
                    new Text((result.Index + 1).ToString(CultureInfo.InvariantCulture)),
                    new Text(Format.Shorten(document, 60)));
            }

            runner.Context.Output.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
