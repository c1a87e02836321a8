using System.Globalization;
using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// What Google refuses that the friendly emulator answers anyway, checked only in strict mode: a
/// <c>thinkingConfig.thinkingBudget</c> outside the model's range (<see cref="EmulatorModel.ThinkingBudget"/>,
/// docs/protocols/gemini.md#thinking-budgets). Google answers 400 <c>INVALID_ARGUMENT</c>, which new-api relays in the OpenAI
/// shape with the numeric code (<see cref="GeminiErrors.Upstream"/>). The messages are Google's, as clients have reported them.
/// </summary>
internal static class GeminiStrictChecks
{
    /// <summary>Google's refusal of a budget of 0 by a model that always thinks (Gemini 2.5 Pro).</summary>
    public const string ThinkingCannotBeDisabled = "Budget 0 is invalid. This model only works in thinking mode.";

    /// <summary>Returns Google's error, or <see langword="null"/> when the request passes.</summary>
    /// <param name="root">The request body.</param>
    /// <param name="model">The listed model of the path, or <see langword="null"/> (an unlisted model is not checked).</param>
    public static string? FindError(JsonElement root, EmulatorModel? model)
    {
        var thinking = GeminiJson.Object(GeminiJson.Object(root, "generationConfig"), "thinkingConfig", "thinking_config");
        if (model?.ThinkingBudget is not { } range || GeminiJson.Integer(thinking, "thinkingBudget", "thinking_budget") is not { } budget || range.Accepts(budget))
        {
            return null;
        }

        return budget == 0
            ? ThinkingCannotBeDisabled
            : string.Create(CultureInfo.InvariantCulture, $"The thinking budget ({budget}) is invalid.");
    }
}
