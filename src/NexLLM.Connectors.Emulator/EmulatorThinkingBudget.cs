namespace NexLLM.Connectors.Emulator;

/// <summary>
/// The <c>thinkingConfig.thinkingBudget</c> values a Gemini model accepts (docs/protocols/gemini.md#thinking-budgets): <c>-1</c>
/// (dynamic thinking) always; <c>0</c> (no thinking) only when <paramref name="CanDisable"/>; otherwise a budget from
/// <paramref name="Min"/> to <paramref name="Max"/> tokens. In strict mode any other value is Google's 400.
/// </summary>
/// <param name="Min">The smallest positive budget, at least 1.</param>
/// <param name="Max">The largest budget, at least <paramref name="Min"/>.</param>
/// <param name="CanDisable">Whether a budget of 0 turns thinking off (Gemini 2.5 Flash) or is refused (Gemini 2.5 Pro).</param>
public sealed record EmulatorThinkingBudget(int Min, int Max, bool CanDisable)
{
    /// <summary>The budget that lets the model decide how much to think.</summary>
    public const int Dynamic = -1;

    /// <summary>Whether <paramref name="budget"/> is one this model accepts.</summary>
    /// <param name="budget">The requested budget.</param>
    /// <returns><see langword="true"/> when Google would accept it.</returns>
    public bool Accepts(long budget) => budget == Dynamic || (budget == 0 ? CanDisable : budget >= Min && budget <= Max);
}
