using NexLLM.Cli.Output;
using Spectre.Console;

namespace NexLLM.Cli.Tests;

/// <summary>The process's console: plain text into a file or a pipe and under <c>NO_COLOR</c>, COLUMNS for a redirected width.</summary>
public sealed class ConsoleSetupTests
{
    private static readonly Style DimBold = new(decoration: Decoration.Dim | Decoration.Bold);

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "1")]
    [InlineData(true, "1")]
    public void Redirected_OrNoColor_WritesNoAnsiSequenceAtAll(bool redirected, string? noColor)
    {
        using var writer = new StringWriter();
        IAnsiConsole console = ConsoleSetup.Create(writer, redirected, name => name == "NO_COLOR" ? noColor : null);

        console.Write(new PlainText("dimmed and bold\n", DimBold));
        console.Write(new Text("red", new Style(Color.Red)));

        Assert.Equal("dimmed and bold\nred", writer.ToString().ReplaceLineEndings("\n"));
        Assert.False(console.Profile.Capabilities.Ansi);
    }

    [Theory]
    [InlineData("100", 100)]
    [InlineData(null, 120)]
    [InlineData("7", 120)]
    [InlineData("wide", 120)]
    public void Redirected_IsColumnsWide_Else120(string? columns, int width)
    {
        using var writer = new StringWriter();

        IAnsiConsole console = ConsoleSetup.Create(writer, redirected: true, name => name == "COLUMNS" ? columns : null);

        Assert.Equal(width, console.Profile.Width);
        Assert.False(console.Profile.Capabilities.Interactive);
    }
}
