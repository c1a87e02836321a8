using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

/// <summary>A kernel plugin that records each call, so a test can prove the model's tool call really ran it.</summary>
public sealed class WeatherPlugin
{
    private readonly List<string> _cities = [];

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

    [KernelFunction("get_weather")]
    [Description("Gets the current weather for a city.")]
    public string GetWeather([Description("The city, for example Paris.")] string city)
    {
        lock (_cities)
        {
            _cities.Add(city);
        }

        return $"18 degrees and sunny in {city}";
    }
}
