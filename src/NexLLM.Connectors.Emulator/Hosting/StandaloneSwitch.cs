namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>One switch of the standalone command line: its name, the placeholder of its value (none for a flag), what it does.</summary>
/// <param name="Name">The switch, e.g. <c>--chunk-delay</c>.</param>
/// <param name="Value">The placeholder of its value shown in the help (e.g. <c>&lt;ms&gt;</c>, <c>a|b</c>), or <see langword="null"/> for a flag.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Apply">Applies the switch and its value (ignored for a flag); throws <see cref="FormatException"/> for a bad value.</param>
internal sealed record StandaloneSwitch(string Name, string? Value, string Help, Action<StandaloneArguments, string> Apply);
