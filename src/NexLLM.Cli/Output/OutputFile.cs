namespace NexLLM.Cli.Output;

/// <summary>
/// A file that a command writes (speech, an image): into a temporary file next to it, moved over the target only once it
/// is complete. A failed, cut or cancelled request leaves the target as it was (an older file is not wiped, no empty or
/// half file appears) and no temporary file behind.
/// </summary>
internal sealed class OutputFile : IAsyncDisposable
{
    private readonly FileInfo _target;
    private readonly string _temporary;
    private bool _committed;

    private OutputFile(FileInfo target, string temporary, FileStream stream)
    {
        _target = target;
        _temporary = temporary;
        Stream = stream;
    }

    /// <summary>Gets the stream to write to (the temporary file).</summary>
    public FileStream Stream { get; }

    /// <summary>Checks, before anything is asked of the gateway, that <paramref name="target"/> can be written there.</summary>
    /// <param name="target">The file.</param>
    /// <param name="option">The option that named it, for the error.</param>
    /// <exception cref="UsageException">Its folder does not exist, or it is a folder.</exception>
    public static void Check(FileInfo target, string option)
    {
        if (Directory.Exists(target.FullName))
        {
            throw new UsageException($"{option}: {target.FullName} is a folder, not a file");
        }

        if (target.DirectoryName is { } folder && !Directory.Exists(folder))
        {
            throw new UsageException($"{option}: the folder {folder} does not exist");
        }
    }

    /// <summary>Opens a new temporary file in <paramref name="target"/>'s folder.</summary>
    /// <param name="target">The file to write in the end.</param>
    /// <returns>The file; dispose it (after <see cref="CommitAsync"/>, or instead of it).</returns>
    public static OutputFile Open(FileInfo target)
    {
        string temporary = Path.Combine(target.DirectoryName ?? ".", $".{target.Name}.{Guid.NewGuid():N}.tmp");
        return new OutputFile(target, temporary, new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true));
    }

    /// <summary>Moves the complete file over the target.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the target is the new file.</returns>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Stream.DisposeAsync().ConfigureAwait(false);
        File.Move(_temporary, _target.FullName, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the temporary file and, unless committed, deletes it.</summary>
    /// <returns>A task that completes when it is done.</returns>
    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        if (!_committed)
        {
            try
            {
                File.Delete(_temporary);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The command's own error is the one to report; a leftover .tmp file is harmless.
            }
        }
    }
}
