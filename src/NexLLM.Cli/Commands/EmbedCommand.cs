using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using NexLLM.Cli.Output;
using Spectre.Console;

namespace NexLLM.Cli.Commands;

/// <summary><c>nexllm embed "text"... [--dimensions n]</c>: one vector per text, shown as its size, length and first values.</summary>
internal static class EmbedCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">The shared options and error handling.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var texts = new Argument<string[]>("text") { Description = "The texts to embed", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string>("--model", "-m") { Description = "The model", DefaultValueFactory = _ => "text-embedding-3-small" }.NotBlank();
        var dimensions = new Option<int?>("--dimensions", "-d") { Description = "The vectors' size, for models that can shorten them" };
        var command = new Command("embed", "Embed texts: one vector each") { texts, model, dimensions };
        runner.SetGatewayAction(command, async (parseResult, connection, cancellationToken) =>
        {
            string[] inputs = parseResult.GetRequiredValue(texts);
            if (parseResult.GetValue(dimensions) is <= 0)
            {
                throw new UsageException("--dimensions must be a positive number");
            }

            IEmbeddingGenerator<string, Embedding<float>> generator = connection.Client.GetEmbeddingGenerator(parseResult.GetRequiredValue(model), parseResult.GetValue(dimensions));
            GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);

            var table = new Table().AddColumn("#").AddColumn("Text").AddColumn(new TableColumn("Dimensions").RightAligned()).AddColumn(new TableColumn("Length").RightAligned()).AddColumn("First values");
            for (int i = 0; i < embeddings.Count; i++)
            {
                ReadOnlySpan<float> vector = embeddings[i].Vector.Span;
                table.AddRow(
                    new Text((i + 1).ToString(CultureInfo.InvariantCulture)),
                    new Text(Format.Shorten(i < inputs.Length ? inputs[i] : string.Empty, 32)),
                    new Text(vector.Length.ToString(CultureInfo.InvariantCulture)),
                    new Text(Format.Number(Length(vector), "0.000")),
                    new Text(FirstValues(vector)));
            }

            runner.Context.Output.Write(table);
            if (embeddings.Usage?.InputTokenCount is { } tokens)
            {
                runner.Context.Output.Write(new PlainText(string.Create(CultureInfo.InvariantCulture, $"{tokens} input tokens\n")));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static double Length(ReadOnlySpan<float> vector)
    {
        double sum = 0;
        foreach (float value in vector)
        {
            sum += value * (double)value;
        }

        return Math.Sqrt(sum);
    }

    private static string FirstValues(ReadOnlySpan<float> vector)
    {
        const int Shown = 3;
        var values = new List<string>(Shown + 1);
        for (int i = 0; i < Math.Min(Shown, vector.Length); i++)
        {
            values.Add(Format.Number(vector[i], "0.0000"));
        }

        if (vector.Length > Shown)
        {
            values.Add("…");
        }

        return "[" + string.Join(", ", values) + "]";
    }
}
