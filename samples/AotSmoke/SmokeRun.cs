using System.Diagnostics;

namespace NexLLM.Connectors.Samples.AotSmoke;

/// <summary>
/// Runs the smoke steps one after the other: one line per step with its time, every step run even after a failure
/// (so one run shows everything that is broken), and an exit code that is not zero when any step failed.
/// </summary>
internal sealed class SmokeRun
{
    private readonly List<string> _failures = [];
    private readonly long _start = Stopwatch.GetTimestamp();
    private int _steps;

    /// <summary>Gets the time since the process started (the runtime's own start-up included).</summary>
    public static TimeSpan SinceProcessStart => DateTime.Now - Process.GetCurrentProcess().StartTime;

    /// <summary>Throws when a check fails; the step reports the message.</summary>
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    /// <summary>Runs one step: <paramref name="step"/> checks what it got and returns a short description of it.</summary>
    public async Task StepAsync(string name, Func<Task<string>> step)
    {
        _steps++;
        long start = Stopwatch.GetTimestamp();
        try
        {
            string detail = await step();
            Console.WriteLine($"ok    {name,-44} {Stopwatch.GetElapsedTime(start).TotalMilliseconds,7:0.0} ms  {detail}");
        }
#pragma warning disable CA1031 // A smoke test reports every failure as a failed step, whatever its type, and goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failures.Add(name);
            Console.WriteLine($"FAIL  {name,-44} {Stopwatch.GetElapsedTime(start).TotalMilliseconds,7:0.0} ms  {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Prints the summary line and returns the process exit code: 0 when every step passed, else 1.</summary>
    public int Finish()
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(_start);
        if (_failures.Count == 0)
        {
            Console.WriteLine($"AOT smoke: all {_steps} steps passed in {elapsed.TotalMilliseconds:0} ms.");
            return 0;
        }

        Console.WriteLine($"AOT smoke: {_failures.Count} of {_steps} steps FAILED ({string.Join(", ", _failures)}).");
        return 1;
    }
}
