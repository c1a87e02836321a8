using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Samples.AotSmoke;

/// <summary>
/// The tool the chat steps offer. <see cref="AIFunctionFactory"/> reads the lambda's parameters by reflection, which
/// NativeAOT supports for delegate targets; what it cannot do is reflection-based JSON, so the function gets
/// serializer options from a source-generated context (<see cref="SmokeJsonContext"/>) for its parameter, its result
/// and its schema.
/// </summary>
internal static class WeatherTool
{
    /// <summary>The function's answer, which the model's last turn must quote.</summary>
    public const string Answer = "18 degrees and sunny";

    /// <summary>Creates the <c>get_weather</c> function; each call adds its city to <paramref name="calls"/>.</summary>
    public static AIFunction Create(List<string> calls) => AIFunctionFactory.Create(
        (string city) =>
        {
            lock (calls)
            {
                calls.Add(city);
            }

            return $"{Answer} in {city}";
        },
        new AIFunctionFactoryOptions
        {
            Name = "get_weather",
            Description = "Gets the current weather in a city.",
            SerializerOptions = SmokeJsonContext.Default.Options,
        });
}
