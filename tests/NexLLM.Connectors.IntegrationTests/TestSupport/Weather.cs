using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.IntegrationTests.TestSupport;

/// <summary>A real .NET function for tool-calling tests that records how it was called.</summary>
public sealed class Weather
{
    private readonly List<string> _cities = [];

    public Weather()
    {
        Function = AIFunctionFactory.Create(
            (string city) =>
            {
                lock (_cities)
                {
                    _cities.Add(city);
                }

                return $"18 degrees and sunny in {city}";
            },
            "get_weather",
            "Gets the current weather for a city.");
        Time = AIFunctionFactory.Create(() => "12:00", "get_time", "Gets the current time.");
    }

    public AIFunction Function { get; }

    public AIFunction Time { get; }

    public IReadOnlyList<string> Cities
    {
        get
        {
            lock (_cities)
            {
                return [.. _cities];
            }
        }
    }
}
