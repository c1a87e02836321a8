using Spectre.Console;

namespace NexLLM.Cli.Output;

/// <summary>
/// Progress of an upload or a download: a bar (or a spinner when the size is unknown) on an interactive terminal, cleared
/// when done; nothing at all when the output is a file or a pipe, so that the output stays what the command printed.
/// </summary>
internal static class Transfer
{
    /// <summary>Runs <paramref name="work"/>, showing the bytes it reports.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="context">Where the progress goes, if anywhere.</param>
    /// <param name="description">What is moving, e.g. <c>uploading speech.wav</c>.</param>
    /// <param name="totalBytes">The size when known; <see langword="null"/> for a spinner.</param>
    /// <param name="work">The transfer; it reports the bytes moved so far.</param>
    /// <returns>What <paramref name="work"/> returned.</returns>
    public static async Task<T> RunAsync<T>(CliContext context, string description, long? totalBytes, Func<IProgress<long>, Task<T>> work)
    {
        if (!context.ShowsProgress)
        {
            return await work(NoProgress.Instance).ConfigureAwait(false);
        }

        Progress progress = context.Output.Progress()
            .AutoClear(true)
            .Columns(totalBytes is null
                ? [new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new DownloadedColumn()]
                : [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn()]);
        return await progress.StartAsync(async progressContext =>
        {
            ProgressTask task = progressContext.AddTask(Markup.Escape(description), autoStart: true, maxValue: totalBytes ?? 0);
            task.IsIndeterminate = totalBytes is null;
            T result = await work(new TaskProgress(task)).ConfigureAwait(false);
            task.StopTask();
            return result;
        }).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> under a spinner with <paramref name="description"/> (nothing moves that can be counted).</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="context">Where the spinner goes, if anywhere.</param>
    /// <param name="description">What is happening, e.g. <c>generating</c>.</param>
    /// <param name="work">The work.</param>
    /// <returns>What <paramref name="work"/> returned.</returns>
    public static async Task<T> WaitAsync<T>(CliContext context, string description, Func<Task<T>> work) =>
        context.ShowsProgress
            ? await context.Output.Status().StartAsync(Markup.Escape(description), _ => work()).ConfigureAwait(false)
            : await work().ConfigureAwait(false);

    private sealed class TaskProgress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value)
        {
            if (task.IsIndeterminate)
            {
                task.MaxValue = Math.Max(task.MaxValue, value);
            }

            task.Value = value;
        }
    }

    private sealed class NoProgress : IProgress<long>
    {
        public static readonly NoProgress Instance = new();

        public void Report(long value)
        {
        }
    }
}
