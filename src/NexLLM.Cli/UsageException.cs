namespace NexLLM.Cli;

/// <summary>A usage or configuration error: reported as one line, exit code 2 (<see cref="ExitCodes.UsageError"/>).</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="UsageException"/> class.</summary>
    public UsageException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UsageException"/> class with the line to print.</summary>
    /// <param name="message">What is wrong and what to do, in one line.</param>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UsageException"/> class with the line to print and its cause.</summary>
    /// <param name="message">What is wrong and what to do, in one line.</param>
    /// <param name="innerException">The cause.</param>
    public UsageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
