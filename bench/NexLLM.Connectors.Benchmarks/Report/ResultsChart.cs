using System.Globalization;
using System.Net;
using System.Text;

namespace NexLLM.Connectors.Benchmarks.Report;

/// <summary>
/// Renders the results as an SVG bar chart (no plotting package needed, and it renders on GitHub): one row per case,
/// time per operation on the left and bytes per operation on the right, each bar scaled to the largest in its row.
/// </summary>
internal static class ResultsChart
{
    private const int Width = 1060;
    private const int LabelWidth = 340;
    private const int PanelWidth = 330;
    private const int BarHeight = 14;
    private const int RowGap = 22;
    private const int Top = 70;

    private static readonly (string Contestant, string Color)[] Contestants =
        [("Anchor", "#9e9e9e"), ("Ours", "#1f6feb"), ("Floor", "#2da44e")];

    public static string Svg(IReadOnlyList<CaseResult> results, string caption)
    {
        int rowHeight = Contestants.Length * BarHeight + RowGap;
        int height = Top + results.Count * rowHeight + 20;
        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\" font-size=\"12\">");
        Append(svg, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        Append(svg, $"<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{Escape(caption)}</text>");
        Append(svg, $"<text x=\"{LabelWidth}\" y=\"52\" font-weight=\"bold\">Time per operation (shorter is better)</text>");
        Append(svg, $"<text x=\"{LabelWidth + PanelWidth + 20}\" y=\"52\" font-weight=\"bold\">Bytes allocated per operation</text>");
        int legendX = 10;
        foreach ((string contestant, string color) in Contestants)
        {
            Append(svg, $"<rect x=\"{legendX}\" y=\"42\" width=\"12\" height=\"12\" fill=\"{color}\"/><text x=\"{legendX + 16}\" y=\"52\">{contestant}</text>");
            legendX += 80;
        }

        int y = Top;
        foreach (CaseResult result in results)
        {
            Append(svg, $"<text x=\"10\" y=\"{y + BarHeight + 8}\">{Escape(ResultsTable.Title(result.Case))}</text>");
            double maxTime = result.Contestants.Max(c => c.MeanNanoseconds);
            double maxBytes = result.Contestants.Max(c => c.AllocatedBytes);
            int barY = y;
            foreach ((string contestant, string color) in Contestants)
            {
                if (result.Find(contestant) is { } measured)
                {
                    Bar(svg, LabelWidth, barY, measured.MeanNanoseconds / maxTime, color, ResultsTable.Time(measured.MeanNanoseconds));
                    Bar(svg, LabelWidth + PanelWidth + 20, barY, measured.AllocatedBytes / maxBytes, color, ResultsTable.Size(measured.AllocatedBytes));
                }

                barY += BarHeight;
            }

            y += rowHeight;
            Append(svg, $"<line x1=\"10\" x2=\"{Width - 10}\" y1=\"{y - RowGap / 2}\" y2=\"{y - RowGap / 2}\" stroke=\"#e0e0e0\"/>");
        }

        Append(svg, "</svg>");
        return svg.ToString();
    }

    /// <summary>A bar whose label sits after it (a bar too short for its label still shows the number).</summary>
    private static void Bar(StringBuilder svg, int x, int y, double fraction, string color, string label)
    {
        double length = Math.Max(1, fraction * (PanelWidth - 80));
        Append(svg, string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y + 1}\" width=\"{length:0.#}\" height=\"{BarHeight - 2}\" fill=\"{color}\"/>"));
        Append(svg, string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x + length + 4:0.#}\" y=\"{y + BarHeight - 3}\" font-size=\"11\">{Escape(label)}</text>"));
    }

    private static void Append(StringBuilder svg, string element) => svg.Append(element).Append('\n');

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
