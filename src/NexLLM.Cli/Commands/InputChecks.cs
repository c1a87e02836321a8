using System.CommandLine;

namespace NexLLM.Cli.Commands;

/// <summary>
/// Checks of the command line made while parsing, so that an empty value is a usage error naming the option (exit code
/// 2) rather than an exception from the library, or a request the gateway refuses.
/// </summary>
internal static class InputChecks
{
    /// <summary>Refuses an empty or blank value (<c>-m ""</c>, an unset <c>$MODEL</c>).</summary>
    /// <param name="option">The option.</param>
    /// <returns>The option.</returns>
    public static Option<string> NotBlank(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{option.Name} must not be empty");
            }
        });
        return option;
    }

    /// <summary>Refuses an empty or blank value when the argument is given.</summary>
    /// <param name="argument">The argument.</param>
    /// <param name="hint">What to add to the error, e.g. how to leave the argument out; empty for nothing.</param>
    /// <returns>The argument.</returns>
    public static Argument<string> NotBlank(this Argument<string> argument, string hint = "")
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"the {argument.Name} must not be empty{hint}");
            }
        });
        return argument;
    }
}
