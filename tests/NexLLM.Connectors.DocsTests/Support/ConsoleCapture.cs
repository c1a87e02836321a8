namespace NexLLM.Connectors.DocsTests.Support;

/// <summary>
/// What a snippet prints: <see cref="Console.Out"/> redirected until disposed. Only the tests of one class
/// (ReadmeSnippetRunTests, one xunit collection, so one test at a time) print; the other tests of the assembly write
/// nothing to the console.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _original = Console.Out;
    private readonly StringWriter _writer = new();

    public ConsoleCapture() => Console.SetOut(_writer);

    /// <summary>The lines printed so far (line breaks normalised, the empty line after the last break dropped).</summary>
    public string[] Lines => _writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    public void Dispose()
    {
        Console.SetOut(_original);
        _writer.Dispose();
    }
}
